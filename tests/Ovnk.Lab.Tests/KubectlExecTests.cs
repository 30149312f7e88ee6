using Ovnk.Lab.Tests.Support;

namespace Ovnk.Lab.Tests;

/// <summary>
/// `kubectl exec` through the lab API server to a kubelet streaming server (WebSocket v5.channel.k8s.io, spliced by
/// the API server): output, exit codes, stdin, and an interactive shell on a pseudo-terminal.
/// </summary>
public sealed class KubectlExecTests(StreamingFixture fixture) : IClassFixture<StreamingFixture>
{
    [Fact]
    public async Task Exec_Echo_PrintsItsOutput()
    {
        var (ns, pod) = await fixture.CreatePodAsync("echo", ["main"]);
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var (exit, stdout, stderr) = await kubectl.RunAsync(["exec", "-n", ns, pod, "--", "echo", "hi"]);
        Assert.True(exit == 0, stderr);
        Assert.Equal("hi\n", stdout);
    }

    [Fact]
    public async Task Exec_NonZeroExit_IsKubectlsExitCode()
    {
        var (ns, pod) = await fixture.CreatePodAsync("exit", ["main"]);
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var (exit, stdout, stderr) = await kubectl.RunAsync(["exec", "-n", ns, pod, "--", "sh", "-c", "echo to-out; echo to-err >&2; exit 3"]);
        Assert.Equal(3, exit);
        Assert.Equal("to-out\n", stdout);
        Assert.Equal("to-err\ncommand terminated with exit code 3\n", stderr);
    }

    [Fact]
    public async Task ExecInteractive_StdinPiped_ReachesTheCommandAndEndsWithIt()
    {
        var (ns, pod) = await fixture.CreatePodAsync("stdin", ["main"]);
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var (exit, stdout, stderr) = await kubectl.RunAsync(["exec", "-i", "-n", ns, pod, "--", "sh", "-c", "tr a-z A-Z; echo done"],
            stdin: "hello\nworld\n");
        Assert.True(exit == 0, stderr);
        Assert.Equal("HELLO\nWORLD\ndone\n", stdout);
    }

    [Fact]
    public async Task ExecTty_InteractiveShell_OnAPseudoTerminalWithKubectlsWindowSize()
    {
        var (ns, pod) = await fixture.CreatePodAsync("tty", ["main"]);
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        await using var terminal = TerminalProcess.Start(["/usr/bin/kubectl", "exec", "-it", "-n", ns, pod, "--", "sh"],
            kubectl.RunEnvironment(), columns: 101, rows: 33);
        await terminal.TypeAsync("tty; stty size; echo $((6*7))\n");
        await terminal.WaitForAsync("33 101");
        await terminal.WaitForAsync("42\r\n");
        await terminal.TypeAsync("exit 4\n");
        Assert.Equal(4, await terminal.WaitExitAsync());
        Assert.Contains("/dev/pts/", terminal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_MultiContainerPod_RunsInTheNamedContainer()
    {
        var (ns, pod) = await fixture.CreatePodAsync("multi", ["app", "tools"]);
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var (exit, stdout, stderr) = await kubectl.RunAsync(["exec", "-n", ns, pod, "-c", "tools", "--", "echo", "from-tools"]);
        Assert.True(exit == 0, stderr);
        Assert.Equal("from-tools\n", stdout);
    }
}
