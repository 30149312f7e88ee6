using k8s;
using k8s.Models;
using Ovnk.Controller.Tests.Support;
using Ovnk.Model.Annotations;

namespace Ovnk.Controller.Tests;

/// <summary>Pod IPAM, the pod-networks annotation, the LSP, hostNetwork pods, completed pods, namespace address sets.</summary>
public sealed class PodTests
{
    [Fact]
    public async Task Pod_GetsIpMacRoutesAndLsp_HostNetworkIsIgnored_AddressSetFollows()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await Cluster.StartAsync();
        await cluster.CreateNodeAsync("n1", "172.18.0.2", ct: ct);
        await cluster.CreateNamespaceAsync("web", ct);
        await using var controller = RunningController.Start(cluster);
        await controller.WaitQuietAsync(ct);
        await cluster.CreatePodAsync("web", "p1", "n1", ct: ct);
        await cluster.CreatePodAsync("web", "host", "n1", hostNetwork: true, ct: ct);
        var net = await AnnotatedAsync(cluster, "web", "p1", ct);

        var subnet = NodeSubnetsAnnotation.Parse((await cluster.Kube.CoreV1.ReadNodeAsync("n1", cancellationToken: ct)).Metadata.Annotations[AnnotationKeys.NodeSubnets]).Value![AnnotationKeys.DefaultNetwork][0];
        var ip = net.IpAddresses[0];
        Assert.True(subnet.Contains(ip.Address) && ip.Address.GetAddressBytes()[3] >= 3, $"{ip} is a pod address of {subnet}");
        Assert.Equal(Model.Addressing.MacAddress.ForIp(ip.Address), net.Mac);
        Assert.Equal([Model.Addressing.IpMath.Offset(subnet, 1)], net.GatewayIps);
        Assert.Equal(["10.244.0.0/16", "10.96.0.0/16", "169.254.169.5/32", "100.64.0.0/16"], net.Routes.Select(r => r.Destination.ToString()));
        Assert.Equal(PodNetworkRole.Primary, net.Role);
        await Eventually.TrueAsync(async () => (await NbCtl.NamesAsync(cluster.Nb, "Logical_Switch_Port")).Contains("web_p1"), "LSP web_p1", ct: ct);
        Assert.Equal($"[\"{net.Mac} {ip.Address}\"]", await NbCtl.GetAsync(cluster.Nb, "Logical_Switch_Port", "web_p1", "addresses"));
        Assert.Equal($"[\"{net.Mac} {ip.Address}\"]", await NbCtl.GetAsync(cluster.Nb, "Logical_Switch_Port", "web_p1", "port_security"));
        Assert.Contains("iface-id-ver=", await NbCtl.GetAsync(cluster.Nb, "Logical_Switch_Port", "web_p1", "options"), StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await cluster.Nb.CtlAsync("ovn-nbctl", "--bare", "--columns=addresses", "find", "Address_Set",
            "external_ids:\"k8s.ovn.org/name\"=web")).Contains(ip.Address.ToString(), StringComparison.Ordinal), "address set of web holds the pod IP", ct: ct);

        await controller.WaitQuietAsync(ct);
        var host = await cluster.Kube.CoreV1.ReadNamespacedPodAsync("host", "web", cancellationToken: ct);
        Assert.False(host.Metadata.Annotations?.ContainsKey(AnnotationKeys.PodNetworks) ?? false);
        Assert.DoesNotContain("web_host", await NbCtl.NamesAsync(cluster.Nb, "Logical_Switch_Port"));
    }

    [Fact]
    public async Task CompletedPod_ReleasesItsIpAndPort()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await Cluster.StartAsync();
        await cluster.CreateNodeAsync("n1", "172.18.0.2", ct: ct);
        await cluster.CreateNamespaceAsync("job", ct);
        await using var controller = RunningController.Start(cluster);
        await controller.WaitQuietAsync(ct);
        await cluster.CreatePodAsync("job", "done", "n1", ct: ct);
        var first = await AnnotatedAsync(cluster, "job", "done", ct);

        var status = new V1Patch("{\"status\":{\"phase\":\"Succeeded\"}}", V1Patch.PatchType.MergePatch);
        await cluster.Kube.CoreV1.PatchNamespacedPodStatusAsync(status, "done", "job", cancellationToken: ct);
        await Eventually.TrueAsync(async () => !(await NbCtl.NamesAsync(cluster.Nb, "Logical_Switch_Port")).Contains("job_done"), "LSP of the completed pod removed", ct: ct);
        await cluster.CreatePodAsync("job", "next", "n1", ct: ct);
        var next = await AnnotatedAsync(cluster, "job", "next", ct);
        Assert.Equal(first.IpAddresses[0], next.IpAddresses[0]); // the lowest free IP again: it was released
    }

    [Fact]
    public async Task TerminatingPod_KeepsItsPortUntilItIsGone()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await Cluster.StartAsync();
        await cluster.CreateNodeAsync("n1", "172.18.0.2", ct: ct);
        await cluster.CreateNamespaceAsync("grace", ct);
        await using var controller = RunningController.Start(cluster);
        await controller.WaitQuietAsync(ct);
        await cluster.CreatePodAsync("grace", "web", "n1", ct: ct);
        await AnnotatedAsync(cluster, "grace", "web", ct);

        // A graceful delete only marks the pod Terminating: it still runs (and serves) during its grace period.
        await cluster.Kube.CoreV1.DeleteNamespacedPodAsync("web", "grace", cancellationToken: ct);
        var marked = await cluster.Kube.CoreV1.ReadNamespacedPodAsync("web", "grace", cancellationToken: ct);
        Assert.NotNull(marked.Metadata.DeletionTimestamp);
        await controller.WaitQuietAsync(ct);
        Assert.Contains("grace_web", await NbCtl.NamesAsync(cluster.Nb, "Logical_Switch_Port"));

        // The kubelet's final delete removes it.
        await cluster.Kube.CoreV1.DeleteNamespacedPodAsync("web", "grace", new V1DeleteOptions { GracePeriodSeconds = 0 }, cancellationToken: ct);
        await Eventually.TrueAsync(async () => !(await NbCtl.NamesAsync(cluster.Nb, "Logical_Switch_Port")).Contains("grace_web"), "LSP removed after the final delete", ct: ct);
    }

    internal static async Task<PodNetwork> AnnotatedAsync(Cluster cluster, string ns, string name, CancellationToken ct)
    {
        PodNetwork? net = null;
        await Eventually.TrueAsync(async () =>
        {
            var pod = await cluster.Kube.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: ct);
            if (pod.Metadata.Annotations?.TryGetValue(AnnotationKeys.PodNetworks, out var text) != true) return false;
            var parsed = PodNetworksAnnotation.Parse(text);
            net = parsed.IsSuccess ? parsed.Value[AnnotationKeys.DefaultNetwork] : null;
            return net is not null;
        }, $"pod {ns}/{name} annotated", ct: ct);
        return net!;
    }
}
