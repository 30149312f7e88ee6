using k8s;
using k8s.Models;
using Ovnk.Controller.Tests.Support;

namespace Ovnk.Controller.Tests;

/// <summary>
/// A pod's annotation PATCH and its LSP transaction are sent at once, so a controller killed between them can leave
/// the LSP without the annotation. On restart the pod keeps the IP its LSP holds (reserved before anything is
/// allocated), and pods created while no controller ran get other IPs.
/// </summary>
public sealed class PortOnlyRestartTests
{
    private const string Ns = "portonly";

    [Fact]
    public async Task Restart_PodWithItsLspButNoAnnotation_KeepsTheLspIp()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await Cluster.StartAsync();
        await cluster.CreateNodeAsync("n1", "172.18.0.2", ct: ct);
        await cluster.CreateNamespaceAsync(Ns, ct);
        await cluster.CreatePodAsync(Ns, "p", "n1", ct: ct);
        await using (var first = RunningController.Start(cluster))
        {
            await first.WaitQuietAsync(ct);
        }
        var before = await PodTests.AnnotatedAsync(cluster, Ns, "p", ct);
        await cluster.Kube.CoreV1.PatchNamespacedPodAsync(new V1Patch("{\"metadata\":{\"annotations\":{\"k8s.ovn.org/pod-networks\":null}}}",
            V1Patch.PatchType.MergePatch), "p", Ns, cancellationToken: ct);
        Assert.DoesNotContain("k8s.ovn.org/pod-networks",
            (await cluster.Kube.CoreV1.ReadNamespacedPodAsync("p", Ns, cancellationToken: ct)).Metadata.Annotations?.Keys ?? []);
        for (var i = 1; i <= 4; i++) await cluster.CreatePodAsync(Ns, $"q{i}", "n1", ct: ct); // any of them would take a free .3

        await using (var second = RunningController.Start(cluster))
        {
            await second.WaitQuietAsync(ct);
        }

        var after = await PodTests.AnnotatedAsync(cluster, Ns, "p", ct);
        Assert.Equal(before.IpAddresses[0], after.IpAddresses[0]);
        Assert.Contains(before.IpAddresses[0].Address.ToString(), await NbCtl.GetAsync(cluster.Nb, "Logical_Switch_Port", $"{Ns}_p", "addresses"), StringComparison.Ordinal);
        for (var i = 1; i <= 4; i++)
            Assert.NotEqual(before.IpAddresses[0].Address, (await PodTests.AnnotatedAsync(cluster, Ns, $"q{i}", ct)).IpAddresses[0].Address);
    }
}
