using System.Diagnostics;
using Ovnk.Controller.Tests.Support;
using Ovnk.Kube.Leader;

namespace Ovnk.Controller.Tests;

/// <summary>
/// Acceptance 5: two controllers against one API server and NB: only the Lease holder writes; killing it (SIGKILL,
/// no release) hands over once the lease expires, and the new leader writes nothing that was already correct.
/// </summary>
public sealed class LeaderElectionTests
{
    private const int LeaseSeconds = 4;

    [Fact]
    public async Task TwoControllers_OnlyTheLeaderWrites_AndAKilledLeaderIsReplacedWithoutRewrites()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await Cluster.StartAsync();
        await cluster.CreateNamespaceAsync("ovn-kubernetes", ct);
        await cluster.CreateNamespaceAsync("ha", ct);
        for (var i = 1; i <= 2; i++) await cluster.CreateNodeAsync($"n{i}", $"172.18.0.{i + 1}", ct: ct);
        for (var i = 0; i < 6; i++) await cluster.CreatePodAsync("ha", $"p{i}", $"n{1 + (i % 2)}", ct: ct);

        await using var first = ChildController.Start(cluster, "first", LeaseSeconds);
        try
        {
            for (var i = 0; i < 6; i++) await PodTests.AnnotatedAsync(cluster, "ha", $"p{i}", ct);
        }
        catch (Xunit.Sdk.FailException e)
        {
            Assert.Fail($"{e.Message}; the first controller printed:\n{first.Output}");
        }
        await Eventually.TrueAsync(async () => (await NbCtl.NamesAsync(cluster.Nb, "Logical_Switch_Port")).Count(n => n.StartsWith("ha_", StringComparison.Ordinal)) == 6,
            "the first leader's six pod ports", ct: ct);

        await using var second = RunningController.Start(cluster, o => o with
        {
            Identity = "second",
            LeaderElection = new LeaderElectionOptions
            {
                Namespace = "ovn-kubernetes", LeaseName = "ovn-kubernetes-master", Identity = "second",
                LeaseDuration = TimeSpan.FromSeconds(LeaseSeconds), RenewDeadline = TimeSpan.FromSeconds(LeaseSeconds / 2.0),
                RetryPeriod = TimeSpan.FromSeconds(LeaseSeconds / 3.0),
            },
        });
        await Task.Delay(TimeSpan.FromSeconds(LeaseSeconds * 1.5), ct);
        Assert.False(second.Host.IsLeader, "the standby must not lead while the first renews");
        Assert.Equal(0, second.Host.NbTransactions);

        await using var counter = await NbCtl.CountChangesAsync(cluster.Nb, ct);
        var killed = Stopwatch.StartNew();
        await first.KillAsync();
        await Eventually.TrueAsync(() => Task.FromResult(second.Host.IsLeader), "the standby takes over", TimeSpan.FromSeconds(LeaseSeconds * 4), ct);
        var takeover = killed.Elapsed;
        await second.WaitQuietAsync(ct);
        Assert.True(takeover < TimeSpan.FromSeconds(LeaseSeconds * 3), $"took over after {takeover.TotalSeconds:F1} s (lease {LeaseSeconds} s)");
        Assert.Equal(0, second.Host.NbTransactions); // everything was already correct
        Assert.Empty(counter.Changes);

        await cluster.CreatePodAsync("ha", "after", "n1", ct: ct);
        await PodTests.AnnotatedAsync(cluster, "ha", "after", ct);
        await Eventually.TrueAsync(async () => (await NbCtl.NamesAsync(cluster.Nb, "Logical_Switch_Port")).Contains("ha_after"), "the new leader serves new pods", ct: ct);
    }
}
