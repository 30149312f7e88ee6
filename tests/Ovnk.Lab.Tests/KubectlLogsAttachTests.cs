using Ovnk.Lab.Streaming;
using Ovnk.Lab.Tests.Support;

namespace Ovnk.Lab.Tests;

/// <summary>`kubectl logs` (-f, -c, --previous, --tail, --timestamps) and `kubectl attach` through the API server to the node's kubelet socket.</summary>
public sealed class KubectlLogsAttachTests(StreamingFixture fixture) : IClassFixture<StreamingFixture>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Logs_TailAndTimestamps_ShowTheContainersOutput()
    {
        var (ns, pod) = await fixture.CreatePodAsync("logs", ["main"]);
        var container = fixture.Runtime.StartContainer(new ContainerTarget(ns, pod, "main"), ["sh", "-c", "echo one; echo two; echo three"]);
        await container.Running.WaitAsync(Limit, TestContext.Current.CancellationToken);
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        Assert.Equal("one\ntwo\nthree\n", await kubectl.OkAsync("logs", "-n", ns, pod));
        Assert.Equal("two\nthree\n", await kubectl.OkAsync("logs", "-n", ns, pod, "--tail=2"));
        var stamped = await kubectl.OkAsync("logs", "-n", ns, pod, "--timestamps", "--tail=1");
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z three\n$", stamped);
    }

    [Fact]
    public async Task LogsFollow_StreamsLinesAppendedLaterAndEndsWithTheContainer()
    {
        var (ns, pod) = await fixture.CreatePodAsync("follow", ["main"]);
        var go = Path.Combine(fixture.Directory, $"go-{Guid.NewGuid():N}");
        var container = fixture.Runtime.StartContainer(new ContainerTarget(ns, pod, "main"),
            ["sh", "-c", $"echo first; while [ ! -e {go} ]; do sleep 0.1; done; echo second"]);
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        using var follow = kubectl.Start(["logs", "-f", "-n", ns, pod]);
        try
        {
            Assert.Equal("first", await follow.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Limit, TestContext.Current.CancellationToken));
            Assert.False(container.Running.IsCompleted, "the container waits for the test: `first` came while it was running");
            await File.WriteAllTextAsync(go, "", TestContext.Current.CancellationToken);
            Assert.Equal("second", await follow.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Limit, TestContext.Current.CancellationToken));
            await follow.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Limit, TestContext.Current.CancellationToken);
            Assert.Equal(0, follow.ExitCode);
        }
        finally
        {
            if (!follow.HasExited)
            {
                follow.Kill();
            }
        }
    }

    [Fact]
    public async Task Logs_ContainerAndPrevious_SelectTheInstance()
    {
        var (ns, pod) = await fixture.CreatePodAsync("previous", ["app", "sidecar"]);
        var app = new ContainerTarget(ns, pod, "app");
        await fixture.Runtime.StartContainer(app, ["echo", "run 1"]).Running.WaitAsync(Limit, TestContext.Current.CancellationToken);
        await fixture.Runtime.StartContainer(app, ["echo", "run 2"]).Running.WaitAsync(Limit, TestContext.Current.CancellationToken);
        await fixture.Runtime.StartContainer(new ContainerTarget(ns, pod, "sidecar"), ["echo", "sidecar says"]).Running.WaitAsync(Limit, TestContext.Current.CancellationToken);
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        Assert.Equal("run 2\n", await kubectl.OkAsync("logs", "-n", ns, pod, "-c", "app"));
        Assert.Equal("run 1\n", await kubectl.OkAsync("logs", "-n", ns, pod, "-c", "app", "--previous"));
        Assert.Equal("sidecar says\n", await kubectl.OkAsync("logs", "-n", ns, pod, "-c", "sidecar"));
        var (exit, _, stderr) = await kubectl.RunAsync(["logs", "-n", ns, pod, "-c", "sidecar", "--previous"]);
        Assert.Equal(1, exit);
        Assert.Equal($"Error from server (BadRequest): previous terminated container \"sidecar\" in pod \"{pod}\" not found\n", stderr);
    }

    [Fact]
    public async Task Attach_StreamsTheRunningContainersOutput()
    {
        var (ns, pod) = await fixture.CreatePodAsync("attach", ["main"]);
        var go = Path.Combine(fixture.Directory, $"go-{Guid.NewGuid():N}");
        var container = fixture.Runtime.StartContainer(new ContainerTarget(ns, pod, "main"),
            ["sh", "-c", $"while [ ! -e {go} ]; do sleep 0.1; done; echo attached-output; exit 7"]);
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var attach = kubectl.RunAsync(["attach", "-n", ns, pod]);
        // Attach sees output from now on: release the container once the session exists.
        await WaitUntilAsync(() => Task.FromResult(container.Attachments > 0));
        await File.WriteAllTextAsync(go, "", TestContext.Current.CancellationToken);
        var (exit, stdout, stderr) = await attach;
        Assert.Contains("attached-output\n", stdout, StringComparison.Ordinal);
        Assert.Equal(7, await container.Exited);
        Assert.Equal(7, exit);
        Assert.Contains("command terminated with exit code 7", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttachInteractive_StdinOnce_FeedsTheContainerAndClosesItsInput()
    {
        var (ns, pod) = await fixture.CreatePodAsync("attachi", ["main"], stdin: true);
        var container = fixture.Runtime.StartContainer(new ContainerTarget(ns, pod, "main"),
            ["sh", "-c", "while read line; do echo \"got $line\"; done; echo input-closed"], stdin: true, stdinOnce: true);
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var (exit, stdout, stderr) = await kubectl.RunAsync(["attach", "-i", "-n", ns, pod], stdin: "alpha\nbeta\n");
        Assert.True(exit == 0, stderr + stdout);
        Assert.Equal("got alpha\ngot beta\ninput-closed\n", stdout);
        Assert.Equal(0, await container.Exited.WaitAsync(Limit, TestContext.Current.CancellationToken));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
