using k8s;
using k8s.Models;
using Ovnk.Lab.Tests.Support;

namespace Ovnk.Lab.Tests.Kubelet;

/// <summary>
/// Acceptance 6: a pod whose CNI ADD fails shows the plugin's own error in `kubectl describe pod` events, is retried
/// with back-off, leaves nothing behind while failing, and runs once the configuration is fixed.
/// </summary>
public sealed class KubeletCniFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FailingAddIsReportedRetriedAndLeavesNothing()
    {
        await using var server = await LabServer.StartAsync();
        // host-local rejects the range: its message must reach the pod's events.
        await using var node = await KubeletNode.StartAsync(server.Kubeconfig, "fail", LabCni.Bridge("10.250.6.0/33"), "--sandbox-backoff", "1");
        using var client = server.Client();
        using var kubectl = new Kubectl(server.Kubeconfig);
        var ns = ServerFixture.UniqueName("fail");
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: Ct);
        var pod = await client.CoreV1.CreateNamespacedPodAsync(PodWaits.Pod("victim", node, PodWaits.Agnhost()), ns, cancellationToken: Ct);

        var describe = await Wait.ForAsync("two FailedCreatePodSandBox events", 90, async () =>
        {
            var (_, text, _) = await kubectl.RunAsync(["describe", "pod", "victim", "-n", ns]);
            var events = await client.CoreV1.ListNamespacedEventAsync(ns, cancellationToken: Ct);
            return events.Items.Count(e => e.Reason == "FailedCreatePodSandBox") >= 2 ? text : null;
        }, () => node.Output.ToString());
        Assert.Contains("FailedCreatePodSandBox", describe);
        Assert.Contains("plugin type=\"bridge\" failed (add)", describe);
        Assert.Contains("invalid CIDR address: 10.250.6.0/33", describe);
        var status = await client.CoreV1.ReadNamespacedPodAsync("victim", ns, cancellationToken: Ct);
        Assert.Equal("Pending", status.Status.Phase);
        Assert.Equal("ContainerCreating", status.Status.ContainerStatuses[0].State.Waiting.Reason);
        // Nothing half-made stays between attempts.
        Assert.DoesNotContain(node.PodNetNs(pod.Metadata.Uid), node.NetNamespaces());
        Assert.Empty(node.CniCacheFiles());

        node.WriteCniConfig(LabCni.Bridge("10.250.6.0/24"));
        var running = await PodWaits.RunningAsync(client, ns, "victim", node);
        Assert.StartsWith("10.250.6.", running.Status.PodIP);
        await client.CoreV1.DeleteNamespacedPodAsync("victim", ns, cancellationToken: Ct);
        await Wait.UntilAsync("cleaned up", 60, () => Task.FromResult(node.NetNamespaces().SequenceEqual([node.NetNs]) && node.CniCacheFiles().Count == 0), () => node.Output.ToString());
    }
}
