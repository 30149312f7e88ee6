using Ovnk.Lab.Tests.Support;

namespace Ovnk.Lab.Tests;

/// <summary>
/// Graceful pod deletion through the real kubectl: a bound pod only turns Terminating until its kubelet (here: the
/// test, with --force --grace-period=0) finishes it; a namespace waits for its terminating pods.
/// </summary>
public sealed class GracefulDeletionApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static string PodYaml(string ns, string name, string? node) => $$"""
        apiVersion: v1
        kind: Pod
        metadata: {name: {{name}}, namespace: {{ns}}}
        spec:
          {{(node is null ? "" : $"nodeName: {node}")}}
          terminationGracePeriodSeconds: 45
          containers: [{name: c, image: busybox}]
        """;

    [Fact]
    public async Task BoundPod_Terminates_ThenTheNamespaceGoesWithIt()
    {
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var ns = ServerFixture.UniqueName("graceful");
        await kubectl.OkAsync("create", "ns", ns);
        await kubectl.RunAsync(["apply", "-f", "-"], PodYaml(ns, "p", "node-a"));

        Assert.Equal("pod \"p\" deleted\n", await kubectl.OkAsync("delete", "pod", "p", "-n", ns, "--wait=false"));
        Assert.Equal("45", await kubectl.OkAsync("get", "pod", "p", "-n", ns, "-o", "jsonpath={.metadata.deletionGracePeriodSeconds}"));
        Assert.Contains("Terminating", await kubectl.OkAsync("get", "pod", "p", "-n", ns), StringComparison.Ordinal);

        // A second, shorter delete shortens the grace; a longer one would not extend it.
        await kubectl.OkAsync("delete", "pod", "p", "-n", ns, "--grace-period=5", "--wait=false");
        Assert.Equal("5", await kubectl.OkAsync("get", "pod", "p", "-n", ns, "-o", "jsonpath={.metadata.deletionGracePeriodSeconds}"));

        await kubectl.OkAsync("delete", "ns", ns, "--wait=false");
        Assert.Equal("Terminating", await kubectl.OkAsync("get", "ns", ns, "-o", "jsonpath={.status.phase}"));
        var (exit, _, err) = await kubectl.RunAsync(["create", "cm", "late", "-n", ns]);
        Assert.Equal(1, exit);
        Assert.Contains("because it is being terminated", err, StringComparison.Ordinal);

        await kubectl.OkAsync("delete", "pod", "p", "-n", ns, "--force", "--grace-period=0");
        var (podExit, _, podErr) = await kubectl.RunAsync(["get", "pod", "p", "-n", ns]);
        Assert.Equal(1, podExit);
        Assert.Contains("NotFound", podErr, StringComparison.Ordinal);
        var (nsExit, _, nsErr) = await kubectl.RunAsync(["get", "ns", ns]);
        Assert.Equal(1, nsExit);
        Assert.Contains("NotFound", nsErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnscheduledPod_IsDeletedAtOnce()
    {
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var ns = ServerFixture.UniqueName("graceful");
        await kubectl.OkAsync("create", "ns", ns);
        await kubectl.RunAsync(["apply", "-f", "-"], PodYaml(ns, "q", null));
        await kubectl.OkAsync("delete", "pod", "q", "-n", ns, "--wait=false");
        var (exit, _, err) = await kubectl.RunAsync(["get", "pod", "q", "-n", ns]);
        Assert.Equal(1, exit);
        Assert.Contains("NotFound", err, StringComparison.Ordinal);
        Assert.Equal($"namespace \"{ns}\" deleted\n", await kubectl.OkAsync("delete", "ns", ns));
    }
}
