using k8s;
using k8s.Models;
using Ovnk.Lab.Tests.Support;

namespace Ovnk.Lab.Tests.Kubelet;

/// <summary>
/// stdin and tty containers on kubelet-lite (issue 7 acceptance 2): `kubectl run --rm -it` gives a shell in the pod's
/// namespaces and removes the pod; `kubectl attach -it` reaches a tty container's terminal (kubectl's window size
/// resizes it) and what the terminal shows is in `kubectl logs`; stdinOnce: the end of the attach's input is the
/// container's end of input. kubectl is driven through a pseudo-terminal, as a user would.
/// </summary>
public sealed class KubeletInteractiveTests(BridgeNodeFixture fixture) : IClassFixture<BridgeNodeFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> NamespaceAsync(IKubernetes client, string prefix)
    {
        var ns = ServerFixture.UniqueName(prefix);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: Ct);
        return ns;
    }

    [Fact]
    public async Task RunRmInteractive_ShellInThePodsNamespaces_PodRemovedOnExit()
    {
        using var client = fixture.Server.Client();
        var node = fixture.Node;
        var ns = await NamespaceAsync(client, "runit");
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        await using var terminal = TerminalProcess.Start(
            ["/usr/bin/kubectl", "run", "--rm", "-it", "bbox", "-n", ns, "--image", "busybox",
             $"--overrides={{\"apiVersion\":\"v1\",\"spec\":{{\"nodeName\":\"{node.Name}\"}}}}", "--", "sh"],
            kubectl.RunEnvironment());
        await terminal.WaitForAsync("If you don't see a command prompt, try pressing enter.", 120);
        var pod = await client.CoreV1.ReadNamespacedPodAsync("bbox", ns, cancellationToken: Ct);
        Assert.True(pod.Spec.Containers[0].Tty == true && pod.Spec.Containers[0].StdinOnce == true, "kubectl run -it asks for a tty and stdinOnce");
        await terminal.TypeAsync("hostname; ip -4 -o addr show dev eth0 | wc -l; exit\n");
        await terminal.WaitForAsync("bbox\r\n", 60); // the pod's UTS namespace
        await terminal.WaitForAsync("1\r\n", 60); // the pod's network namespace has eth0 with an address
        Assert.Equal(0, await terminal.WaitExitAsync(120));
        Assert.Contains("pod \"bbox\" deleted", terminal.Output, StringComparison.Ordinal);
        await PodWaits.GoneAsync(client, ns, "bbox", node);
        await Wait.UntilAsync("the pod's netns removed", 60, () => Task.FromResult(!node.NetNamespaces().Contains(node.PodNetNs(pod.Metadata.Uid))),
            () => string.Join(',', node.NetNamespaces()));
    }

    [Fact]
    public async Task AttachTty_TypesIntoTheTerminal_ResizesIt_AndLogsShowIt()
    {
        using var client = fixture.Server.Client();
        var node = fixture.Node;
        var ns = await NamespaceAsync(client, "attachit");
        var shell = new V1Container { Name = "shell", Image = "busybox", Command = ["sh"], Stdin = true, Tty = true };
        await client.CoreV1.CreateNamespacedPodAsync(PodWaits.Pod("tty1", node, shell), ns, cancellationToken: Ct);
        await PodWaits.RunningAsync(client, ns, "tty1", node);
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        try
        {
            await using (var terminal = TerminalProcess.Start(["/usr/bin/kubectl", "attach", "-it", "-n", ns, "tty1"], kubectl.RunEnvironment(), columns: 101, rows: 33))
            {
                await terminal.WaitForAsync("If you don't see a command prompt, try pressing enter.", 60);
                await terminal.TypeAsync("hostname; stty size; echo mark-$((6*7))\n");
                await terminal.WaitForAsync("tty1\r\n");
                await terminal.WaitForAsync("33 101\r\n"); // kubectl's window size reached the container's terminal
                await terminal.WaitForAsync("mark-42\r\n");
            } // detaching (kubectl killed) leaves the container running: stdinOnce is false
            var logs = await kubectl.OkAsync("logs", "-n", ns, "tty1");
            Assert.Contains("mark-42", logs, StringComparison.Ordinal); // the terminal's output is in the log
            var after = await client.CoreV1.ReadNamespacedPodAsync("tty1", ns, cancellationToken: Ct);
            Assert.Equal(0, after.Status.ContainerStatuses[0].RestartCount);
            Assert.NotNull(after.Status.ContainerStatuses[0].State.Running);
            await using (var again = TerminalProcess.Start(["/usr/bin/kubectl", "attach", "-it", "-n", ns, "tty1"], kubectl.RunEnvironment()))
            {
                await again.WaitForAsync("If you don't see a command prompt, try pressing enter.", 60);
                await again.TypeAsync("echo second-$((2*3)); exit 5\n");
                await again.WaitForAsync("second-6\r\n");
                await again.WaitExitAsync(60);
            }
            await PodWaits.ForAsync(client, ns, "tty1", "the shell's exit recorded", p => p.Status?.ContainerStatuses?[0] is { } s
                && (s.State?.Terminated?.ExitCode == 5 || s.LastState?.Terminated?.ExitCode == 5), node);
        }
        finally
        {
            await client.CoreV1.DeleteNamespacedPodAsync("tty1", ns, new V1DeleteOptions { GracePeriodSeconds = 0 }, cancellationToken: Ct);
        }
    }

    [Fact]
    public async Task AttachStdinOnce_EndOfInputClosesTheContainersStdin()
    {
        using var client = fixture.Server.Client();
        var node = fixture.Node;
        var ns = await NamespaceAsync(client, "stdinonce");
        var cat = new V1Container
        {
            Name = "cat", Image = "busybox", Command = ["sh", "-c", "echo waiting; tr a-z A-Z; echo stdin-closed"], Stdin = true, StdinOnce = true,
        };
        var spec = PodWaits.Pod("once", node, cat);
        spec.Spec.RestartPolicy = "Never";
        await client.CoreV1.CreateNamespacedPodAsync(spec, ns, cancellationToken: Ct);
        await PodWaits.RunningAsync(client, ns, "once", node);
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        try
        {
            var (exit, stdout, stderr) = await kubectl.RunAsync(["attach", "-i", "-n", ns, "once"], stdin: "hello\nworld\n", timeoutSeconds: 90);
            Assert.True(exit == 0, $"exit {exit}: {stdout} {stderr}");
            await PodWaits.ForAsync(client, ns, "once", "Succeeded", p => p.Status?.Phase == "Succeeded", node);
            var logs = await kubectl.OkAsync("logs", "-n", ns, "once");
            Assert.Equal("waiting\nHELLO\nWORLD\nstdin-closed\n", logs);
        }
        finally
        {
            await client.CoreV1.DeleteNamespacedPodAsync("once", ns, new V1DeleteOptions { GracePeriodSeconds = 0 }, cancellationToken: Ct);
        }
    }
}
