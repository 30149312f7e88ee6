using k8s;
using k8s.Models;
using Ovnk.Lab.Tests.Support;

namespace Ovnk.Lab.Tests.Kubelet;

/// <summary>
/// Acceptance 5: a node without CNI config is NotReady (kubelet's reason and message), a hostNetwork pod still runs,
/// writes the config through a hostPath volume, and the node turns Ready; a pod waiting for the network then runs.
/// Also the Node's registration (labels, control-plane taint, nodeInfo) and its Lease.
/// </summary>
public sealed class KubeletNetworkReadinessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HostNetworkPodWritesCniConfigAndNodeTurnsReady()
    {
        await using var server = await LabServer.StartAsync();
        await using var node = await KubeletNode.StartAsync(server.Kubeconfig, "cp", cniConfig: null, "--control-plane");
        using var client = server.Client();
        var notReady = await Wait.ForAsync("the node NotReady", 60, async () =>
        {
            var n = (await client.CoreV1.ListNodeAsync(cancellationToken: Ct)).Items.FirstOrDefault(x => x.Metadata.Name == node.Name);
            return n?.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready" && c.Status == "False") is not null ? n : null;
        }, () => node.Output.ToString());
        var ready = notReady.Status.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal("KubeletNotReady", ready.Reason);
        Assert.Contains("NetworkPluginNotReady", ready.Message);
        Assert.Equal("linux", notReady.Metadata.Labels["kubernetes.io/os"]);
        Assert.Equal(node.Name, notReady.Metadata.Labels["kubernetes.io/hostname"]);
        Assert.True(notReady.Metadata.Labels.ContainsKey("node-role.kubernetes.io/control-plane"));
        Assert.Contains(notReady.Spec.Taints, t => t.Key == "node-role.kubernetes.io/control-plane" && t.Effect == "NoSchedule");
        Assert.StartsWith("v1.32.", notReady.Status.NodeInfo.KubeletVersion);
        Assert.StartsWith("ovnk-lab://", notReady.Status.NodeInfo.ContainerRuntimeVersion);
        var lease = await Wait.ForAsync("the node's Lease", 30, async () =>
            await client.CoordinationV1.ReadNamespacedLeaseAsync(node.Name, "kube-node-lease", cancellationToken: Ct), () => node.Output.ToString());
        Assert.Equal(node.Name, lease.Spec.HolderIdentity);

        var ns = ServerFixture.UniqueName("cni");
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: Ct);
        var waiting = PodWaits.Pod("waiting", node, PodWaits.Agnhost());
        waiting.Spec.Tolerations = [new V1Toleration { OperatorProperty = "Exists" }];
        await client.CoreV1.CreateNamespacedPodAsync(waiting, ns, cancellationToken: Ct);

        var mnt = $"/tmp/kubelet-cni-{Guid.NewGuid():N}";
        var conf = LabCni.Bridge("10.250.5.0/24").Replace("\n", " ", StringComparison.Ordinal);
        var writer = PodWaits.Pod("cni-writer", node, new V1Container
        {
            Name = "installer",
            Image = "fedora",
            Command = ["sh", "-c", $"sleep 2; echo '{conf}' > {mnt}/10-lab.conflist; echo wrote; sleep infinity"],
            VolumeMounts = [new V1VolumeMount { Name = "cni", MountPath = mnt }],
        });
        writer.Spec.HostNetwork = true;
        writer.Spec.Volumes = [new V1Volume { Name = "cni", HostPath = new V1HostPathVolumeSource { Path = "/etc/cni/net.d" } }];
        writer.Spec.Tolerations = [new V1Toleration { OperatorProperty = "Exists" }];
        await client.CoreV1.CreateNamespacedPodAsync(writer, ns, cancellationToken: Ct);

        await PodWaits.ForAsync(client, ns, "cni-writer", "Running", p => p.Status?.Phase == "Running", node);
        await Wait.UntilAsync("the node Ready", 60, async () =>
            (await client.CoreV1.ReadNodeAsync(node.Name, cancellationToken: Ct)).Status.Conditions.Any(c => c.Type == "Ready" && c.Status == "True"),
            () => node.Output.ToString());
        Assert.True(File.Exists(Path.Combine(node.Paths.CniConfDirectory, "10-lab.conflist")), "the hostPath volume is the node's /etc/cni/net.d");
        Assert.False(File.Exists($"{mnt}/10-lab.conflist"), "the container's mounts stay in the container");
        var running = await PodWaits.RunningAsync(client, ns, "waiting", node);
        Assert.StartsWith("10.250.5.", running.Status.PodIP);
        await client.CoreV1.DeleteNamespacedPodAsync("waiting", ns, cancellationToken: Ct);
        await client.CoreV1.DeleteNamespacedPodAsync("cni-writer", ns, cancellationToken: Ct);
        await Wait.UntilAsync("pods cleaned up", 60, () => Task.FromResult(node.NetNamespaces().SequenceEqual([node.NetNs]) && node.IpamAllocations().Count == 0), () => node.Output.ToString());
        Directory.Delete(mnt);
    }
}
