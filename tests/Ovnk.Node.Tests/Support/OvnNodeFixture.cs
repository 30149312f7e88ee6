using System.Net;
using k8s;
using k8s.Models;
using Ovnk.Model.Addressing;
using Ovnk.Model.Annotations;
using Ovnk.Node.Tests.Cni;
using Ovnk.TestSupport;

namespace Ovnk.Node.Tests.Support;

/// <summary>
/// A <see cref="NodeLab"/> with the whole OVN stack: after one node setup (so br-int exists with the netdev
/// datapath), ovn-controller starts in the node. The fixture plays the controller: the node switch in the NB,
/// and per pod its LSP and its pod-networks annotation.
/// </summary>
public sealed class OvnNodeFixture : IAsyncLifetime
{
    private int nextPod = 10;

    public NodeLab Lab { get; private set; } = null!;

    public string ChassisId { get; private set; } = "";

    public static string PluginPath => RoundTripTests.PluginPath;

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        Lab = await NodeLab.StartAsync(ovn: true, timeout.Token);
        ChassisId = await Lab.StartOvnNodeAsync(timeout.Token);
    }

    public ValueTask DisposeAsync() => Lab.DisposeAsync();

    /// <summary>A pod: the API object with its annotation, its LSP (unless <paramref name="withLsp"/> is false) and a fresh netns.</summary>
    public async Task<TestPod> CreatePodAsync(string name, bool withLsp = true)
    {
        var index = Interlocked.Increment(ref nextPod);
        var ip = new InterfaceAddress(IpMath.Offset(NodeLab.Subnet, (ulong)index), NodeLab.Subnet.PrefixLength);
        var network = PodNetworksAnnotation.DefaultEntry(ip, IpMath.Offset(NodeLab.Subnet, 1), []);
        using var kube = Lab.Client();
        var pod = await kube.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Annotations = new Dictionary<string, string> { [AnnotationKeys.PodNetworks] = PodNetworksAnnotation.Format(new Dictionary<string, PodNetwork> { [AnnotationKeys.DefaultNetwork] = network }) },
            },
            Spec = new V1PodSpec { NodeName = Lab.NodeName, Containers = [new V1Container { Name = "c", Image = "busybox" }] },
        }, "default");
        var test = new TestPod(this, name, pod.Metadata.Uid, network);
        if (withLsp) await test.CreateLspAsync();
        return test;
    }

    public async Task<string> NewNetNsAsync() => await Lab.AddNamespaceAsync($"{Lab.NodeNs}-p{Interlocked.Increment(ref nextPod)}");

    /// <summary>Runs the real plugin binary as a runtime would: CNI env + stdin.</summary>
    public async Task<ProcessResult> CniAsync(string command, string containerId, string netns, TestPod pod, string socket, string version = "1.0.0", string extraConfig = "")
    {
        var env = new Dictionary<string, string>
        {
            ["CNI_COMMAND"] = command, ["CNI_CONTAINERID"] = containerId, ["CNI_NETNS"] = netns, ["CNI_IFNAME"] = "eth0",
            ["CNI_PATH"] = Path.GetDirectoryName(PluginPath)!,
            ["CNI_ARGS"] = $"IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME={pod.Name};K8S_POD_UID={pod.Uid}",
            [Ovnk.Cni.Protocol.CniSocket.PathVariable] = socket,
        };
        var config = $$"""{"cniVersion":"{{version}}","name":"ovn-kubernetes","type":"ovn-k8s-cni-overlay"{{extraConfig}}}""";
        return await Proc.RunAsync(PluginPath, [], TimeSpan.FromSeconds(150), config, env);
    }
}
