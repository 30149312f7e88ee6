using k8s;
using k8s.Models;
using Ovnk.Lab.Tests.Support;

namespace Ovnk.Lab.Tests.Kubelet;

/// <summary>
/// Graceful deletion as kubelet does it: a pod that only gets a deletionTimestamp (here held by a finalizer, the
/// same MODIFIED event the API server's graceful delete sends) has its containers stopped — SIGTERM, then SIGKILL
/// after the grace period for one that ignores SIGTERM — its sandbox torn down (CNI DEL), and kubelet-lite then
/// sends the final DELETE (grace 0, uid precondition).
/// </summary>
public sealed class KubeletGracefulDeleteTests(BridgeNodeFixture fixture) : IClassFixture<BridgeNodeFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeletionTimestampStopsContainersTearsDownAndFinishesTheDelete()
    {
        using var client = fixture.Server.Client();
        var node = fixture.Node;
        var ns = ServerFixture.UniqueName("grace");
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: Ct);
        var stubborn = new V1Container { Name = "stubborn", Image = "busybox", Command = ["sh", "-c", "trap '' TERM; sleep infinity"] };
        var pod = PodWaits.Pod("graceful", node, PodWaits.Agnhost(), stubborn);
        pod.Spec.TerminationGracePeriodSeconds = 2;
        pod.Metadata.Finalizers = ["example.com/hold"];
        await client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: Ct);
        var running = await PodWaits.ForAsync(client, ns, "graceful", "both containers running", p => p.Status?.ContainerStatuses?.Count(c => c.State?.Running is not null) == 2, node);
        var uid = running.Metadata.Uid;
        var sandbox = Ovnk.Lab.Kubelet.Pods.SandboxRecord.Load(node.Paths.PodDirectory(uid))!;

        await client.CoreV1.DeleteNamespacedPodAsync("graceful", ns, cancellationToken: Ct);
        await Wait.UntilAsync("sandbox torn down while the pod still exists", 60, () => Task.FromResult(
            !node.NetNamespaces().Contains(node.PodNetNs(uid)) && !Directory.Exists(node.Paths.PodDirectory(uid))), () => node.Output.ToString());
        Assert.Single(LoggedBridge.Calls(node), c => c.Command == "DEL" && c.Id == sandbox.Id);
        var events = await client.CoreV1.ListNamespacedEventAsync(ns, cancellationToken: Ct);
        Assert.Contains(events.Items, e => e.Reason == "Killing" && e.Message.Contains("stubborn", StringComparison.Ordinal));

        // The final DELETE came from kubelet-lite: the pod is only held by our finalizer now; releasing it removes it.
        var held = await client.CoreV1.ReadNamespacedPodAsync("graceful", ns, cancellationToken: Ct);
        Assert.NotNull(held.Metadata.DeletionTimestamp);
        held.Metadata.Finalizers = [];
        await client.CoreV1.ReplaceNamespacedPodAsync(held, "graceful", ns, cancellationToken: Ct);
        await PodWaits.GoneAsync(client, ns, "graceful", node);
    }
}
