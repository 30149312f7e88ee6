using k8s;
using k8s.Models;
using Ovnk.Lab.Tests.Support;
using Ovnk.TestSupport;

namespace Ovnk.Lab.Tests.Kubelet;

/// <summary>
/// Acceptance 1: two lab nodes with the reference bridge + host-local CNI; the seed's DaemonSet (agnhost netexec +
/// a tools container) comes up Running on both; pods on one node reach each other over cni0; the bridge's host-side
/// state is inside the node's namespace only. (Pod commands run via `ip netns exec` until streaming lands.)
/// </summary>
public sealed class KubeletBridgeTests
{
    private const string DaemonSet = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: seed}
        spec:
          selector: {matchLabels: {app: seed}}
          template:
            metadata: {labels: {app: seed}}
            spec:
              containers:
              - name: agnhost
                image: registry.k8s.io/e2e-test-images/agnhost:2.53
                args: [netexec, --http-port=8080]
                ports: [{containerPort: 8080}]
                readinessProbe: {httpGet: {path: /healthz, port: 8080}, periodSeconds: 1}
              - name: tools
                image: busybox
                command: [sleep, infinity]
        """;

    [Fact]
    public async Task SeedDaemonSetRunsOnTwoBridgeNodesAndPodsTalk()
    {
        await using var server = await LabServer.StartAsync(controllers: true);
        await using var w1 = await KubeletNode.StartAsync(server.Kubeconfig, "w1", LabCni.Bridge("10.250.1.0/24"));
        await using var w2 = await KubeletNode.StartAsync(server.Kubeconfig, "w2", LabCni.Bridge("10.250.2.0/24"));
        using var kubectl = new Kubectl(server.Kubeconfig);
        using var client = server.Client();
        var ns = ServerFixture.UniqueName("seed");
        await kubectl.OkAsync("create", "namespace", ns);
        var (exit, _, err) = await kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], DaemonSet);
        Assert.True(exit == 0, err);

        var pods = await Wait.ForAsync("the DaemonSet's pods Running and Ready on both nodes", 180, async () =>
        {
            var list = await client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: TestContext.Current.CancellationToken);
            var ready = list.Items.Where(p => p.Status?.Phase == "Running" && p.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true).ToList();
            return ready.Count == 2 && ready.Select(p => p.Spec.NodeName).Distinct().Count() == 2 ? ready : null;
        }, () => w1.Output.ToString() + w2.Output);
        var onW1 = pods.Single(p => p.Spec.NodeName == w1.Name);
        Assert.StartsWith("10.250.1.", onW1.Status.PodIP);
        Assert.StartsWith("10.250.2.", pods.Single(p => p.Spec.NodeName == w2.Name).Status.PodIP);

        // A second pod on w1, so two pods share the node's bridge.
        await kubectl.OkAsync("run", "peer", "-n", ns, "--image=registry.k8s.io/e2e-test-images/agnhost:2.53",
            "--overrides", "{\"spec\":{\"nodeName\":\"" + w1.Name + "\"}}", "--", "netexec", "--http-port=8080");
        var peer = await Wait.ForAsync("peer Running", 120, async () =>
        {
            var p = await client.CoreV1.ReadNamespacedPodAsync("peer", ns, cancellationToken: TestContext.Current.CancellationToken);
            return p.Status?.Phase == "Running" && p.Status.PodIP is not null ? p : null;
        }, () => w1.Output.ToString());

        var podNs = w1.PodNetNs(onW1.Metadata.Uid);
        var ss = await Wait.ForAsync("the listener on 8080 in the pod", 30, async () =>
        {
            var r = await Proc.RunAsync("ip", ["netns", "exec", podNs, "ss", "-plnt"]);
            return r.Stdout.Contains(":8080", StringComparison.Ordinal) ? r.Stdout : null;
        });
        Assert.Contains(":8080", ss);
        // Running is reported when the process starts, before netexec listens: retry (bounded).
        var now = await Wait.ForAsync("peer answers", 60, async () =>
        {
            var r = await Proc.RunAsync("ip", ["netns", "exec", podNs, "curl", "-sS", "--max-time", "5", $"http://{peer.Status.PodIP}:8080/"]);
            return r.Stdout.StartsWith("NOW: ", StringComparison.Ordinal) ? r.Stdout : null;
        });
        Assert.StartsWith("NOW: ", now);
        var hostname = await Proc.RunAsync("ip", ["netns", "exec", podNs, "curl", "-sS", "--max-time", "10", $"http://{peer.Status.PodIP}:8080/hostname"]);
        Assert.Equal("peer", hostname.Stdout.Trim());

        // The bridge plugin's host side lives in the node's namespace, not in the root one.
        var bridge = await Proc.RunAsync("ip", ["-n", w1.NetNs, "-o", "addr", "show", "cni0"]);
        Assert.Contains("10.250.1.1/24", bridge.Stdout);
        var root = await Proc.RunAsync("ip", ["-o", "addr"]);
        Assert.DoesNotContain("10.250.1.", root.Stdout);

        var nodes = await kubectl.OkAsync("get", "nodes", w1.Name, w2.Name);
        Assert.Equal(2, nodes.Split('\n').Count(l => l.Contains(" Ready ", StringComparison.Ordinal)));
    }
}
