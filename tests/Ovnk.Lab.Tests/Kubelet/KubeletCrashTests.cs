using k8s;
using k8s.Models;
using Ovnk.Lab.Tests.Support;
using Ovnk.TestSupport;

namespace Ovnk.Lab.Tests.Kubelet;

/// <summary>
/// Acceptance 4, second half: kill -9 of kubelet-lite while pods start (and a pod deleted while it is down);
/// after a restart every pod is Running and wired or cleaned up, and after deleting them all nothing is leaked —
/// no pod netns, no CNI cache entry, no host-local allocation, no veth, no container process.
/// </summary>
public sealed class KubeletCrashTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Diagnostics(IKubernetes client, string ns, string name, KubeletNode node)
    {
        var pod = client.CoreV1.ReadNamespacedPod(name, ns);
        var logs = Directory.Exists(node.Paths.LogsDirectory)
            ? string.Join("\n", Directory.GetFiles(node.Paths.LogsDirectory, "*.log", SearchOption.AllDirectories).Where(f => f.Contains($"_{name}_", StringComparison.Ordinal)).Select(f => f + ": " + File.ReadAllText(f)))
            : "";
        return $"status {KubernetesJson.Serialize(pod.Status)}\nlogs {logs}\nnetns {string.Join(',', node.NetNamespaces())}\n{node.Output}";
    }

    /// <summary>Pids of processes carrying the node's launch tag (kubelet-lite's children: containers, launch chains, plugin execs).</summary>
    private static List<int> TaggedProcesses(KubeletNode node)
    {
        var entry = System.Text.Encoding.UTF8.GetBytes($"OVNK_LAB_KUBELET={Path.GetFullPath(node.StateDirectory)}");
        var found = new List<int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var environ = File.ReadAllBytes(Path.Combine(dir, "environ"));
                if (environ.AsSpan().IndexOf(entry) >= 0 && !File.ReadAllText(Path.Combine(dir, "stat")).Contains(") Z ", StringComparison.Ordinal)) found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile.
            }
        }
        return found;
    }

    [Fact]
    public async Task KillNineWhilePodsStartThenRestartLeaksNothing()
    {
        await using var server = await LabServer.StartAsync();
        await using var node = await KubeletNode.StartAsync(server.Kubeconfig, "crash", LabCni.Bridge("10.250.4.0/24", LoggedBridge.Type), LoggedBridge.Install);
        using var client = server.Client();
        var ns = ServerFixture.UniqueName("crash");
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: Ct);
        await Wait.UntilAsync("node registered", 60, async () =>
            (await client.CoreV1.ListNodeAsync(cancellationToken: Ct)).Items.Any(n => n.Metadata.Name == node.Name), () => node.Output.ToString());

        var names = Enumerable.Range(0, 6).Select(i => $"p{i}").ToList();
        foreach (var name in names)
        {
            await client.CoreV1.CreateNamespacedPodAsync(PodWaits.Pod(name, node, PodWaits.Agnhost()), ns, cancellationToken: Ct);
        }
        // Mid-start: once two ADD results are cached (those sandboxes are complete and get adopted as they are),
        // the other pods are still being set up (ADD running, namespaces half made, or not yet begun).
        await Wait.UntilAsync("two CNI ADDs done", 60, () => Task.FromResult(node.CniCacheFiles().Count >= 2), () => node.Output.ToString());
        await node.KillAsync();

        // While it is down, one pod goes away (an immediate delete): the restart must DEL its sandbox.
        await client.CoreV1.DeleteNamespacedPodAsync("p0", ns, new V1DeleteOptions { GracePeriodSeconds = 0 }, cancellationToken: Ct);
        names.Remove("p0");
        await node.StartProcessAsync();

        foreach (var name in names)
        {
            // Running and wired: the pod answers at its podIP from the node with its own name.
            var pod = await PodWaits.RunningAsync(client, ns, name, node);
            await Wait.UntilAsync($"{name} answers at {pod.Status.PodIP}", 60, async () =>
                (await Proc.RunAsync("ip", ["netns", "exec", node.NetNs, "curl", "-sS", "--max-time", "5", $"http://{pod.Status.PodIP}:8080/hostname"])).Stdout.Trim() == name,
                () => Diagnostics(client, ns, name, node));
        }
        await Wait.UntilAsync("exactly the live pods wired", 60, () => Task.FromResult(
            node.NetNamespaces().Count(n => n != node.NetNs) == names.Count && node.CniCacheFiles().Count == names.Count && node.IpamAllocations().Count == names.Count),
            () => $"netns {string.Join(',', node.NetNamespaces())}; cache {node.CniCacheFiles().Count}; ipam {node.IpamAllocations().Count}; {node.Output}");

        foreach (var name in names)
        {
            await client.CoreV1.DeleteNamespacedPodAsync(name, ns, cancellationToken: Ct);
        }
        await Wait.UntilAsync("everything cleaned up", 90, async () =>
            node.NetNamespaces().SequenceEqual([node.NetNs]) && node.CniCacheFiles().Count == 0 && node.IpamAllocations().Count == 0
            && !(await Proc.RunAsync("ip", ["-n", node.NetNs, "-o", "link"])).Stdout.Contains("veth", StringComparison.Ordinal)
            && (!Directory.Exists(node.Paths.PodsDirectory) || Directory.GetDirectories(node.Paths.PodsDirectory).Length == 0),
            () => $"netns {string.Join(',', node.NetNamespaces())}; cache {node.CniCacheFiles().Count}; ipam {node.IpamAllocations().Count}; {node.Output}");
        Assert.Empty(TaggedProcesses(node)); // no container, launch chain or plugin exec of either run is left
        var calls = LoggedBridge.Calls(node);
        // Every sandbox that was ADDed was DELeted (a DEL may repeat after the crash; ADDs that never finished get one too).
        Assert.All(calls.Where(c => c.Command == "ADD").Select(c => c.Id).Distinct(), id => Assert.Contains(calls, c => c.Command == "DEL" && c.Id == id));
    }
}
