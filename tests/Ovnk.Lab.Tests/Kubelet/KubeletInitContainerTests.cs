using k8s;
using k8s.Models;
using Ovnk.Lab.Tests.Support;

namespace Ovnk.Lab.Tests.Kubelet;

/// <summary>
/// Init containers on kubelet-lite: run in order, each to completion, before the app containers (kubectl shows
/// Init:N/M meanwhile); a failing one is restarted with back-off (Init:Error, then Init:CrashLoopBackOff) or, with
/// restartPolicy Never, fails the pod; initContainerStatuses and the Initialized condition as kubelet reports them.
/// </summary>
public sealed class KubeletInitContainerTests(BridgeNodeFixture fixture) : IClassFixture<BridgeNodeFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> NamespaceAsync(IKubernetes client, string prefix)
    {
        var ns = ServerFixture.UniqueName(prefix);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: Ct);
        return ns;
    }

    /// <summary>The STATUS column of `kubectl get pod` (NAME READY STATUS RESTARTS AGE).</summary>
    private static async Task<string> KubectlStatusAsync(Kubectl kubectl, string ns, string pod) =>
        (await kubectl.OkAsync("get", "pod", pod, "-n", ns, "--no-headers")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[2];

    private static async Task WaitStatusAsync(Kubectl kubectl, string ns, string pod, string status, KubeletNode node, int seconds = 90)
    {
        var last = "";
        await Wait.UntilAsync($"kubectl shows {pod} {status}", seconds, async () => (last = await KubectlStatusAsync(kubectl, ns, pod)) == status,
            () => $"last status {last}\n{node.Output}");
    }

    [Fact]
    public async Task InitContainers_RunInOrderToCompletion_BeforeTheAppContainer()
    {
        using var client = fixture.Server.Client();
        var node = fixture.Node;
        var ns = await NamespaceAsync(client, "init");
        var go = $"/tmp/kubelet-init-go-{Guid.NewGuid():N}";
        var pod = PodWaits.Pod("ordered", node, new V1Container
        {
            Name = "app", Image = "busybox", Command = ["sh", "-c", "cat /work/order; exec sleep infinity"],
            VolumeMounts = [new V1VolumeMount { Name = "work", MountPath = "/work" }],
        });
        pod.Spec.InitContainers =
        [
            new V1Container { Name = "first", Image = "busybox", Command = ["sh", "-c", "echo one > /work/order"], VolumeMounts = [new V1VolumeMount { Name = "work", MountPath = "/work" }] },
            new V1Container
            {
                Name = "second", Image = "busybox", Command = ["sh", "-c", $"while [ ! -e {go} ]; do sleep 0.1; done; echo two >> /work/order"],
                VolumeMounts = [new V1VolumeMount { Name = "work", MountPath = "/work" }],
            },
        ];
        pod.Spec.Volumes = [new V1Volume { Name = "work", EmptyDir = new V1EmptyDirVolumeSource() }];
        await client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: Ct);
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        try
        {
            await WaitStatusAsync(kubectl, ns, "ordered", "Init:1/2", node); // first done, second waiting for the go file
            var waiting = await client.CoreV1.ReadNamespacedPodAsync("ordered", ns, cancellationToken: Ct);
            Assert.Equal("Pending", waiting.Status.Phase);
            Assert.Equal("False", waiting.Status.Conditions.Single(c => c.Type == "Initialized").Status);
            Assert.Equal("containers with incomplete status: [second]", waiting.Status.Conditions.Single(c => c.Type == "Initialized").Message);
            Assert.Equal("Completed", waiting.Status.InitContainerStatuses[0].State.Terminated.Reason);
            Assert.NotNull(waiting.Status.InitContainerStatuses[1].State.Running);
            Assert.Equal("PodInitializing", waiting.Status.ContainerStatuses[0].State.Waiting.Reason);

            await File.WriteAllTextAsync(go, "", Ct);
            var running = await PodWaits.RunningAsync(client, ns, "ordered", node);
            Assert.All(running.Status.InitContainerStatuses, s => Assert.Equal(0, s.State.Terminated.ExitCode));
            Assert.Equal("True", running.Status.Conditions.Single(c => c.Type == "Initialized").Status);
            await Wait.UntilAsync("the app saw both init containers' output, in order", 60,
                async () => await kubectl.OkAsync("logs", "-n", ns, "ordered", "-c", "app") == "one\ntwo\n", () => node.Output.ToString());
            await WaitStatusAsync(kubectl, ns, "ordered", "Running", node);
        }
        finally
        {
            File.Delete(go);
            await client.CoreV1.DeleteNamespacedPodAsync("ordered", ns, new V1DeleteOptions { GracePeriodSeconds = 0 }, cancellationToken: Ct);
        }
    }

    [Fact]
    public async Task FailingInitContainer_RestartPolicyNever_FailsThePod()
    {
        using var client = fixture.Server.Client();
        var node = fixture.Node;
        var ns = await NamespaceAsync(client, "initfail");
        var pod = PodWaits.Pod("never", node, new V1Container { Name = "app", Image = "busybox", Command = ["sleep", "infinity"] });
        pod.Spec.RestartPolicy = "Never";
        pod.Spec.InitContainers = [new V1Container { Name = "setup", Image = "busybox", Command = ["sh", "-c", "echo setup failed; exit 3"] }];
        await client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: Ct);
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        try
        {
            var failed = await PodWaits.ForAsync(client, ns, "never", "Failed", p => p.Status?.Phase == "Failed", node);
            Assert.Equal(3, failed.Status.InitContainerStatuses[0].State.Terminated.ExitCode);
            Assert.Equal(0, failed.Status.InitContainerStatuses[0].RestartCount);
            Assert.Null(failed.Status.ContainerStatuses[0].State.Running); // the app container never ran
            await WaitStatusAsync(kubectl, ns, "never", "Init:Error", node);
            Assert.Equal("setup failed\n", await kubectl.OkAsync("logs", "-n", ns, "never", "-c", "setup"));
        }
        finally
        {
            await client.CoreV1.DeleteNamespacedPodAsync("never", ns, new V1DeleteOptions { GracePeriodSeconds = 0 }, cancellationToken: Ct);
        }
    }

    [Fact]
    public async Task FailingInitContainer_RestartPolicyAlways_CrashLoopsWithBackoff()
    {
        using var client = fixture.Server.Client();
        var node = fixture.Node;
        var ns = await NamespaceAsync(client, "initloop");
        var pod = PodWaits.Pod("loop", node, new V1Container { Name = "app", Image = "busybox", Command = ["sleep", "infinity"] });
        pod.Spec.InitContainers = [new V1Container { Name = "setup", Image = "busybox", Command = ["sh", "-c", "exit 1"] }];
        await client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: Ct);
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        try
        {
            await WaitStatusAsync(kubectl, ns, "loop", "Init:CrashLoopBackOff", node);
            var looping = await PodWaits.ForAsync(client, ns, "loop", "init restarted", p => p.Status?.InitContainerStatuses?[0].RestartCount >= 1, node);
            Assert.Equal("Pending", looping.Status.Phase);
            Assert.Equal(1, looping.Status.InitContainerStatuses[0].LastState?.Terminated?.ExitCode ?? looping.Status.InitContainerStatuses[0].State.Terminated?.ExitCode);
            Assert.Null(looping.Status.ContainerStatuses[0].State.Running);
        }
        finally
        {
            await client.CoreV1.DeleteNamespacedPodAsync("loop", ns, new V1DeleteOptions { GracePeriodSeconds = 0 }, cancellationToken: Ct);
        }
    }
}
