using k8s;
using k8s.Models;
using Ovnk.Kube.Informers;
using Ovnk.Kube.Leader;
using Ovnk.Lab.Tests.Support;

namespace Ovnk.Lab.Tests;

/// <summary>
/// Ovnk.Kube's informer and leader election against the real lab API server (their own tests use a fault-injecting
/// fake): the controller and node agent must work unchanged against this server and a real one.
/// </summary>
public sealed class KubeInformerTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task PodInformer_FollowsCreatesLabelPatchesAndDeletes_Exactly()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = fixture.Server.Client();
        var ns = ServerFixture.UniqueName("informer");
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: ct);
        await using var informer = new Informer<V1Pod, V1PodList>(ResourceAdapters.Pods(client),
            new Dictionary<string, Func<V1Pod, IEnumerable<string>>> { [Indexers.Namespace] = Indexers.ByNamespace });
        informer.Start();
        await informer.WaitForSyncAsync(ct).WaitAsync(Converge, ct);

        for (var i = 0; i < 30; i++)
            await client.CoreV1.CreateNamespacedPodAsync(Pod($"p{i}"), ns, cancellationToken: ct);
        for (var i = 0; i < 30; i += 3)
        {
            var patch = new V1Patch("{\"metadata\":{\"labels\":{\"tier\":\"web\"}}}", V1Patch.PatchType.MergePatch);
            await client.CoreV1.PatchNamespacedPodAsync(patch, $"p{i}", ns, cancellationToken: ct);
        }
        for (var i = 0; i < 30; i += 4)
            await client.CoreV1.DeleteNamespacedPodAsync($"p{i}", ns, new V1DeleteOptions { GracePeriodSeconds = 0 }, cancellationToken: ct);

        var expected = (await client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: ct)).Items
            .ToDictionary(p => p.Metadata.Name, Tier);
        Assert.Equal(22, expected.Count);
        using var deadline = new CancellationTokenSource(Converge);
        while (!Matches(informer.Store.ByIndex(Indexers.Namespace, ns), expected))
            await Task.Delay(50, deadline.Token);
        Assert.Equal(1, informer.ListCount); // one list, then the watch carried every change
    }

    [Fact]
    public async Task LeaderElection_OnALeaseInTheLabServer_HandsOverWhenTheLeaderStops()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = fixture.Server.Client();
        var ns = ServerFixture.UniqueName("lease");
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: ct);
        LeaderElectionOptions Options(string id) => new()
        {
            Namespace = ns, LeaseName = "ovnkube-master", Identity = id,
            LeaseDuration = TimeSpan.FromSeconds(2), RenewDeadline = TimeSpan.FromSeconds(1.5), RetryPeriod = TimeSpan.FromMilliseconds(200),
        };
        var leaders = 0;
        var maxLeaders = 0;
        var led = new List<string>();
        async Task Lead(string id, CancellationToken token)
        {
            var now = Interlocked.Increment(ref leaders);
            lock (led) { led.Add(id); maxLeaders = Math.Max(maxLeaders, now); }
            try { await Task.Delay(Timeout.Infinite, token); }
            catch (OperationCanceledException) { }
            finally { Interlocked.Decrement(ref leaders); }
        }
        using var stopFirst = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var stopSecond = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var first = new LeaderElector(client, Options("a")).RunAsync(t => Lead("a", t), stopFirst.Token);
        using (var wait = new CancellationTokenSource(Converge))
            while (Volatile.Read(ref leaders) == 0)
                await Task.Delay(20, wait.Token);
        var second = new LeaderElector(client, Options("b")).RunAsync(t => Lead("b", t), stopSecond.Token);
        await Task.Delay(1000, ct);
        Assert.Equal(["a"], led); // b waits while a renews

        await stopFirst.CancelAsync();
        await first.WaitAsync(Converge, ct);
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            while (!led.Contains("b"))
                await Task.Delay(20, wait.Token);
        await stopSecond.CancelAsync();
        await second.WaitAsync(Converge, ct);
        Assert.Equal(["a", "b"], led);
        Assert.Equal(1, maxLeaders); // never two at once
        var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync("ovnkube-master", ns, cancellationToken: ct);
        Assert.NotNull(lease.Spec);
    }

    private static bool Matches(IReadOnlyList<V1Pod> cached, Dictionary<string, string?> expected) =>
        cached.Count == expected.Count && cached.All(p =>
            expected.TryGetValue(p.Metadata.Name, out var tier) && Tier(p) == tier);

    private static string? Tier(V1Pod pod) =>
        pod.Metadata.Labels is { } labels && labels.TryGetValue("tier", out var tier) ? tier : null;

    private static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = "informer" } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] },
    };
}
