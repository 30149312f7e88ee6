using k8s;
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

    [Fact]
    public async Task RunRmInteractive_GivesAShellOnATerminalAndRemovesThePod()
    {
        var (ns, _) = await fixture.CreatePodAsync("runrm", ["main"]);
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        // Stands in for kubelet-lite: starts the pod's tty container in the runtime and reports it Running and Ready.
        var kubelet = RunAsKubeletAsync(ns, "bbox", stop.Token);
        await using var terminal = TerminalProcess.Start(
            ["/usr/bin/kubectl", "run", "--rm", "-it", "bbox", "-n", ns, "--image", "busybox",
             $"--overrides={{\"apiVersion\":\"v1\",\"spec\":{{\"nodeName\":\"{fixture.NodeName}\"}}}}", "--", "sh"],
            kubectl.RunEnvironment());
        await terminal.WaitForAsync("If you don't see a command prompt, try pressing enter.", 60);
        await terminal.TypeAsync("echo $((6*7))\n");
        await terminal.WaitForAsync("42\r\n");
        await terminal.TypeAsync("exit\n");
        Assert.Equal(0, await terminal.WaitExitAsync(60));
        Assert.Contains("pod \"bbox\" deleted", terminal.Output, StringComparison.Ordinal);
        await kubelet.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var (exit, _, stderr) = await kubectl.RunAsync(["get", "pod", "bbox", "-n", ns]);
        Assert.Equal(1, exit);
        Assert.Contains("NotFound", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_ConcurrentSessions_EachGetsItsOwnOutputAndExitCode()
    {
        var (ns, pod) = await fixture.CreatePodAsync("many", ["main"]);
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var runs = Enumerable.Range(1, 6).Select(i => kubectl.RunAsync(["exec", "-n", ns, pod, "--", "sh", "-c", $"sleep 0.2; echo session-{i}; exit {i}"], timeoutSeconds: 90)).ToArray();
        var results = await Task.WhenAll(runs);
        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(i + 1, results[i].Exit);
            Assert.Equal($"session-{i + 1}\n", results[i].Out);
        }
    }

    [Fact]
    public async Task Exec_LargeOutput_ArrivesCompleteAndInOrder()
    {
        var (ns, pod) = await fixture.CreatePodAsync("large", ["main"]);
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var (exit, stdout, stderr) = await kubectl.RunAsync(["exec", "-n", ns, pod, "--", "seq", "1", "200000"], timeoutSeconds: 120);
        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(200000, lines.Length);
        Assert.Equal(Enumerable.Range(1, 200000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), lines);
    }

    [Fact]
    public async Task Cp_ToPod_StreamsATarThroughExecStdin()
    {
        var (ns, pod) = await fixture.CreatePodAsync("cp", ["main"]);
        var source = Path.Combine(fixture.Directory, $"src-{Guid.NewGuid():N}.bin");
        var content = new byte[300_000];
        Random.Shared.NextBytes(content);
        await File.WriteAllBytesAsync(source, content, TestContext.Current.CancellationToken);
        var target = Path.Combine(fixture.Directory, $"dst-{Guid.NewGuid():N}.bin");
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        await kubectl.OkAsync("cp", source, $"{ns}/{pod}:{target}");
        Assert.Equal(content, await File.ReadAllBytesAsync(target, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Exec_KubectlKilled_KillsTheRemoteProcess()
    {
        var (ns, pod) = await fixture.CreatePodAsync("abort", ["main"]);
        var pidFile = Path.Combine(fixture.Directory, $"pid-{Guid.NewGuid():N}");
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        using var exec = kubectl.Start(["exec", "-n", ns, pod, "--", "sh", "-c", $"echo $$ > {pidFile}.tmp; mv {pidFile}.tmp {pidFile}; exec sleep 600"]);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(pidFile))
        {
            Assert.True(DateTime.UtcNow < deadline, "the exec'd command did not start");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        var pid = int.Parse((await File.ReadAllTextAsync(pidFile, TestContext.Current.CancellationToken)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Directory.Exists($"/proc/{pid}"));
        exec.Kill();
        deadline = DateTime.UtcNow.AddSeconds(30);
        while (Directory.Exists($"/proc/{pid}"))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the remote process {pid} outlived its kubectl exec session");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private async Task RunAsKubeletAsync(string ns, string name, CancellationToken cancellationToken)
    {
        using var client = fixture.Server.Client();
        try
        {
            while (true)
            {
                var pods = await client.CoreV1.ListNamespacedPodAsync(ns, fieldSelector: $"metadata.name={name}", cancellationToken: cancellationToken);
                if (pods.Items.FirstOrDefault() is { } pod)
                {
                    var c = pod.Spec.Containers[0];
                    Assert.True(c.Tty == true && c.Stdin == true, "kubectl run -it asks for a tty container with stdin");
                    fixture.Runtime.StartContainer(new Ovnk.Lab.Streaming.ContainerTarget(ns, name, c.Name), [.. c.Args ?? c.Command ?? ["sh"]],
                        tty: true, stdin: true, stdinOnce: c.StdinOnce == true);
                    pod.Status ??= new k8s.Models.V1PodStatus();
                    pod.Status.Phase = "Running";
                    pod.Status.Conditions = [new k8s.Models.V1PodCondition { Type = "Ready", Status = "True" }];
                    await client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, name, ns, cancellationToken: cancellationToken);
                    await FinishWhenDeletedAsync(client, pod, cancellationToken);
                    return;
                }
                await Task.Delay(100, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The test ended first (it fails on its own assertions).
        }
    }

    /// <summary>What a kubelet does when a running pod is deleted gracefully: stop it, then delete it for good.</summary>
    private static async Task FinishWhenDeletedAsync(k8s.Kubernetes client, k8s.Models.V1Pod pod, CancellationToken cancellationToken)
    {
        while ((await client.CoreV1.ReadNamespacedPodAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: cancellationToken))
            .Metadata.DeletionTimestamp is null)
        {
            await Task.Delay(100, cancellationToken);
        }
        await client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty,
            new k8s.Models.V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new k8s.Models.V1Preconditions { Uid = pod.Metadata.Uid } },
            cancellationToken: cancellationToken);
    }
}
