using k8s;
using k8s.Models;
using Ovnk.Lab.Tests.Support;

namespace Ovnk.Lab.Tests.Kubelet;

/// <summary>
/// kubectl exec, logs -f and attach against a real kubelet-lite pod (issue 7 acceptance 3): commands run in the
/// pod's namespaces (its hostname, its eth0), exec returns the command's exit code, logs follow the container.
/// </summary>
public sealed class KubeletStreamingTests(BridgeNodeFixture fixture) : IClassFixture<BridgeNodeFixture>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExecLogsFollowAttach_ReachThePodsNamespaces()
    {
        using var client = fixture.Server.Client();
        var node = fixture.Node;
        var ns = ServerFixture.UniqueName("stream");
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: Ct);
        var go = $"/tmp/kubelet-go-{Guid.NewGuid():N}";
        var shell = new V1Container
        {
            Name = "shell",
            Image = "busybox",
            Command = ["sh", "-c", $"echo first; while [ ! -e {go} ]; do sleep 0.1; done; echo second; while true; do echo tick; sleep 0.2; done"],
        };
        await client.CoreV1.CreateNamespacedPodAsync(PodWaits.Pod("sh1", node, shell), ns, cancellationToken: Ct);
        var pod = await PodWaits.RunningAsync(client, ns, "sh1", node);
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        try
        {
            Assert.Equal("sh1\n", await kubectl.OkAsync("exec", "-n", ns, "sh1", "--", "hostname")); // the pod's UTS namespace
            var address = await kubectl.OkAsync("exec", "-n", ns, "sh1", "-c", "shell", "--", "ip", "-4", "-o", "addr", "show", "dev", "eth0");
            Assert.Contains($" {pod.Status.PodIP}/", address, StringComparison.Ordinal); // the pod's network namespace
            var (exit, _, _) = await kubectl.RunAsync(["exec", "-n", ns, "sh1", "--", "sh", "-c", "exit 3"]);
            Assert.Equal(3, exit);

            using var follow = kubectl.Start(["logs", "-f", "-n", ns, "sh1"]);
            try
            {
                Assert.Equal("first", await follow.StandardOutput.ReadLineAsync(Ct).AsTask().WaitAsync(Limit, Ct));
                await kubectl.OkAsync("exec", "-n", ns, "sh1", "--", "touch", go); // in the container's own mount namespace
                Assert.Equal("second", await follow.StandardOutput.ReadLineAsync(Ct).AsTask().WaitAsync(Limit, Ct));
            }
            finally
            {
                if (!follow.HasExited)
                {
                    follow.Kill();
                }
            }
            using var attach = kubectl.Start(["attach", "-n", ns, "sh1"]); // follows the running container's output
            try
            {
                Assert.Equal("tick", await attach.StandardOutput.ReadLineAsync(Ct).AsTask().WaitAsync(Limit, Ct));
            }
            finally
            {
                attach.Kill();
            }
            var (badExit, _, badErr) = await kubectl.RunAsync(["exec", "-n", ns, "sh1", "-c", "nope", "--", "true"]);
            Assert.NotEqual(0, badExit);
            Assert.Contains("container nope is not valid for pod sh1", badErr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(go);
            await client.CoreV1.DeleteNamespacedPodAsync("sh1", ns, new V1DeleteOptions { GracePeriodSeconds = 0 }, cancellationToken: Ct);
        }
    }
}
