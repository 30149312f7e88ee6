using k8s;
using k8s.Models;
using Ovnk.Controller.Tests.Support;
using Ovnk.Model.Annotations;

namespace Ovnk.Controller.Tests;

/// <summary>
/// Acceptance 3: a restart with nothing changed writes nothing to the NB (counted by an independent monitor);
/// seeded stale state is fixed on start — rows of deleted pods and nodes removed, foreign rows untouched, a
/// duplicate collapsed, a live pod's IP kept even though a stale LSP claims it — and a second restart writes nothing.
/// </summary>
public sealed class RestartTests
{
    private const string Ns = "restart";

    [Fact]
    public async Task Restart_WritesNothingWhenNothingChanged_AndFixesSeededStaleState()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await Cluster.StartAsync();
        for (var i = 1; i <= 3; i++) await cluster.CreateNodeAsync($"n{i}", $"172.18.0.{i + 1}", ct: ct);
        await cluster.CreateNamespaceAsync(Ns, ct);
        await cluster.CreatePodAsync(Ns, "p1", "n1", ct: ct);
        await cluster.CreatePodAsync(Ns, "p2", "n1", ct: ct);
        await cluster.CreatePodAsync(Ns, "q1", "n2", ct: ct);
        await RunToQuietAsync(cluster, ct);
        var p1 = await PodTests.AnnotatedAsync(cluster, Ns, "p1", ct);
        await PodTests.AnnotatedAsync(cluster, Ns, "q1", ct);

        await AssertRestartWritesNothingAsync(cluster, ct);

        await cluster.Kube.CoreV1.DeleteNamespacedPodAsync("p2", Ns, new V1DeleteOptions { GracePeriodSeconds = 0 }, cancellationToken: ct); // no kubelet: final at once
        await cluster.Kube.CoreV1.DeleteNodeAsync("n3", cancellationToken: ct);
        await SeedAsync(cluster, p1, ct);
        await using var fixes = await NbCtl.CountChangesAsync(cluster.Nb, ct);
        await RunToQuietAsync(cluster, ct, then: async () =>
        {
            await cluster.CreatePodAsync(Ns, "p3", "n1", ct: ct);
            var p3 = await PodTests.AnnotatedAsync(cluster, Ns, "p3", ct);
            Assert.NotEqual(p1.IpAddresses[0], p3.IpAddresses[0]); // p1's IP stayed reserved despite the stale LSP
        });

        Assert.NotEmpty(fixes.Changes); // the counter does see writes: the zero counts above and below are real
        var lsps = await NbCtl.NamesAsync(cluster.Nb, "Logical_Switch_Port");
        Assert.DoesNotContain($"{Ns}_p2", lsps);
        Assert.DoesNotContain($"{Ns}_ghost", lsps);
        Assert.Contains($"{Ns}_p1", lsps);
        var switches = await NbCtl.NamesAsync(cluster.Nb, "Logical_Switch");
        Assert.DoesNotContain("n3", switches);
        Assert.DoesNotContain("gone", switches);
        Assert.Contains("foreign-ls", switches);
        Assert.DoesNotContain("GR_n3", await NbCtl.NamesAsync(cluster.Nb, "Logical_Router"));
        var routes = await cluster.Nb.CtlAsync("ovn-nbctl", "lr-route-list", "ovn_cluster_router");
        Assert.DoesNotContain("10.244.99.0/24", routes, StringComparison.Ordinal);
        Assert.Contains("192.0.2.0/24", routes, StringComparison.Ordinal);
        var n1Subnet = await SubnetAsync(cluster, "n1", ct);
        Assert.Single(routes.Split('\n'), l => l.Contains(n1Subnet, StringComparison.Ordinal) && l.Contains("src-ip", StringComparison.Ordinal));
        Assert.Equal(p1.IpAddresses[0], (await PodTests.AnnotatedAsync(cluster, Ns, "p1", ct)).IpAddresses[0]);

        await AssertRestartWritesNothingAsync(cluster, ct);
    }

    private static async Task AssertRestartWritesNothingAsync(Cluster cluster, CancellationToken ct)
    {
        await using var counter = await NbCtl.CountChangesAsync(cluster.Nb, ct);
        long sent = -1;
        await RunToQuietAsync(cluster, ct, then: c => { sent = c.Host.NbTransactions; return Task.CompletedTask; });
        Assert.Equal(0, sent);
        Assert.Empty(counter.Changes);
    }

    private static async Task RunToQuietAsync(Cluster cluster, CancellationToken ct, Func<Task>? then = null) =>
        await RunToQuietAsync(cluster, ct, then is null ? null : _ => then());

    private static async Task RunToQuietAsync(Cluster cluster, CancellationToken ct, Func<RunningController, Task>? then)
    {
        await using var controller = RunningController.Start(cluster);
        await controller.WaitQuietAsync(ct);
        if (then is not null)
        {
            await then(controller);
            await controller.WaitQuietAsync(ct);
        }
    }

    private static async Task<string> SubnetAsync(Cluster cluster, string node, CancellationToken ct) =>
        NodeSubnetsAnnotation.Parse((await cluster.Kube.CoreV1.ReadNodeAsync(node, cancellationToken: ct)).Metadata.Annotations[AnnotationKeys.NodeSubnets])
            .Value![AnnotationKeys.DefaultNetwork][0].ToString();

    /// <summary>Seeds, with ovn-nbctl: a stale LSP of ours claiming p1's IP, rows of a node that never existed, a foreign switch and route, a duplicate of n1's src-ip route.</summary>
    private static async Task SeedAsync(Cluster cluster, PodNetwork p1, CancellationToken ct)
    {
        string[] Owner(string type, string name) =>
        [
            "external_ids:\"k8s.ovn.org/owner-controller\"=default-network-controller", $"external_ids:\"k8s.ovn.org/owner-type\"={type}",
            $"external_ids:\"k8s.ovn.org/name\"=\"{name}\"",
        ];
        var n1 = (await cluster.Kube.CoreV1.ReadNodeAsync("n1", cancellationToken: ct)).Metadata.Annotations[AnnotationKeys.NodeId];
        var subnet = await SubnetAsync(cluster, "n1", ct);
        await cluster.Nb.CtlAsync("ovn-nbctl",
        [
            "--", "--id=@p", "create", "Logical_Switch_Port", $"name={Ns}_ghost", $"addresses=\"{p1.Mac} {p1.IpAddresses[0].Address}\"", .. Owner("Pod", $"{Ns}:ghost"),
            "--", "add", "Logical_Switch", "n1", "ports", "@p",
            "--", "create", "Logical_Switch", "name=gone", .. Owner("Node", "gone"),
            "--", "--id=@r", "create", "Logical_Router_Static_Route", "ip_prefix=10.244.99.0/24", "nexthop=100.64.0.99", "policy=src-ip", .. Owner("Node", "gone"),
            "--", "add", "Logical_Router", "ovn_cluster_router", "static_routes", "@r",
            "--", "create", "Logical_Switch", "name=foreign-ls",
            "--", "--id=@f", "create", "Logical_Router_Static_Route", "ip_prefix=192.0.2.0/24", "nexthop=100.64.0.250",
            "--", "add", "Logical_Router", "ovn_cluster_router", "static_routes", "@f",
            "--", "--id=@d", "create", "Logical_Router_Static_Route", $"ip_prefix={subnet}", $"nexthop=100.64.0.{n1}", "policy=src-ip", .. Owner("Node", "n1"),
            "--", "add", "Logical_Router", "ovn_cluster_router", "static_routes", "@d",
        ]);
        Assert.Contains("gone", await NbCtl.NamesAsync(cluster.Nb, "Logical_Switch"));
    }
}
