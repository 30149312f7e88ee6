using System.Collections.Concurrent;
using Ovnk.Kube.Leader;
using Ovnk.Kube.Tests.Fake;

namespace Ovnk.Kube.Tests;

public sealed class LeaderElectionTests
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(2);

    private static LeaderElectionOptions Options(string identity) => new()
    {
        Namespace = "ovn-kubernetes", LeaseName = "ovnk-controller", Identity = identity,
        LeaseDuration = LeaseDuration, RenewDeadline = TimeSpan.FromSeconds(1.5), RetryPeriod = TimeSpan.FromMilliseconds(300),
    };

    /// <summary>A candidate that records when it led.</summary>
    private sealed class Candidate(FakeApiServer server, string identity, ConcurrentQueue<(string Who, DateTime Start, DateTime End)> terms)
    {
        private readonly CancellationTokenSource _stop = new();
        private Task? _run;

        public LeaderElector Elector { get; } = new(server.Client(), Options(identity));

        public DateTime? LeadingSince { get; private set; }

        public void Start() => _run = Elector.RunAsync(LeadAsync, _stop.Token);

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await _run!.WaitAsync(TimeSpan.FromSeconds(10));
        }

        private async Task LeadAsync(CancellationToken ct)
        {
            var start = DateTime.UtcNow;
            LeadingSince = start;
            try { await Task.Delay(Timeout.Infinite, ct); }
            finally { terms.Enqueue((identity, start, DateTime.UtcNow)); }
        }
    }

    private static void AssertNoOverlap(IEnumerable<(string Who, DateTime Start, DateTime End)> terms)
    {
        var ordered = terms.OrderBy(t => t.Start).ToArray();
        for (var i = 1; i < ordered.Length; i++)
            Assert.True(ordered[i].Start >= ordered[i - 1].End, $"{ordered[i].Who} started leading before {ordered[i - 1].Who} stopped");
    }

    [Fact]
    public async Task LeaderThatStopsRenewing_IsReplacedWithinTheLeaseDuration_WithoutOverlap()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        var terms = new ConcurrentQueue<(string, DateTime, DateTime)>();
        var a = new Candidate(server, "ctrl-a", terms);
        var b = new Candidate(server, "ctrl-b", terms);
        a.Start();
        await Eventually.TrueAsync(() => a.Elector.IsLeader, TimeSpan.FromSeconds(10), "a leads");
        b.Start();
        await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);
        Assert.False(b.Elector.IsLeader, "the standby waits while the leader renews");
        Assert.Equal("ctrl-a", server.LeaseHolder("ovn-kubernetes", "ovnk-controller"));

        var frozen = DateTime.UtcNow;
        server.Faults.FailLeaseWritesBy = "ctrl-a"; // a hangs: its renewals fail from now on
        await Eventually.TrueAsync(() => b.Elector.IsLeader, TimeSpan.FromSeconds(10), "b takes over");
        var takeover = b.LeadingSince!.Value - frozen;
        Assert.True(takeover <= LeaseDuration + TimeSpan.FromSeconds(1), $"takeover took {takeover}, lease duration {LeaseDuration}");
        Assert.False(a.Elector.IsLeader);

        await b.StopAsync();
        await a.StopAsync();
        AssertNoOverlap(terms);
        Assert.Equal(2, terms.Count);
    }

    [Fact]
    public async Task GracefulShutdown_ReleasesTheLease_SoTheStandbyTakesOverAtOnce()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        var terms = new ConcurrentQueue<(string, DateTime, DateTime)>();
        var a = new Candidate(server, "ctrl-a", terms);
        var b = new Candidate(server, "ctrl-b", terms);
        a.Start();
        await Eventually.TrueAsync(() => a.Elector.IsLeader, TimeSpan.FromSeconds(10), "a leads");
        b.Start();
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        var stopped = DateTime.UtcNow;
        await a.StopAsync();
        Assert.NotEqual("ctrl-a", server.LeaseHolder("ovn-kubernetes", "ovnk-controller"));
        await Eventually.TrueAsync(() => b.Elector.IsLeader, TimeSpan.FromSeconds(10), "b takes over");
        Assert.True(b.LeadingSince!.Value - stopped < LeaseDuration, "a released lease is taken before it would have expired");
        await b.StopAsync();
        AssertNoOverlap(terms);
    }

    [Fact]
    public void Options_ThatAllowTwoLeaders_AreRefused()
    {
        var bad = Options("x") with { RenewDeadline = TimeSpan.FromSeconds(3) };
        var e = Assert.Throws<ArgumentException>(bad.Validate);
        Assert.Contains("renew deadline", e.Message, StringComparison.Ordinal);
    }
}
