using System.Diagnostics;
using Ovnk.Lab.Kubelet.Containers;
using Ovnk.Lab.Kubelet.Nodes;
using Ovnk.Lab.Kubelet.Pods;
using Ovnk.Linux.Namespaces;

namespace Ovnk.Lab.Cluster;

/// <summary>
/// `ovnk lab down`: stops every process the lab started (by pid file: API server, kubelets, containers; then
/// anything left inside the lab's namespaces, e.g. a daemon a killed container forked), removes pod, node and underlay
/// namespaces (the veths go with them) and the node mount namespaces, then the state dir unless --keep. Works from
/// lab.json and the pid files alone, so it also cleans up after `kill -9` of everything; a second run finds nothing.
/// </summary>
public sealed class LabDown
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);
    private readonly LabPaths _paths;
    private readonly string _name;
    private readonly ILabProgress _progress;

    public LabDown(string name, LabPaths paths, ILabProgress progress)
    {
        _name = name;
        _paths = paths;
        _progress = progress;
    }

    public async Task RunAsync(bool keepState, CancellationToken cancellationToken)
    {
        var nodes = NodeNames();
        await StepAsync("components", () => StopComponentsAsync(nodes, cancellationToken));
        await StepAsync("containers", () => StopContainersAsync(nodes, cancellationToken));
        await StepAsync("namespaces", () => Task.Run(() => RemoveNamespaces(nodes), cancellationToken));
        if (!keepState)
        {
            await StepAsync("state dir", () => Task.Run(RemoveStateDirectory, cancellationToken));
        }
    }

    private async Task StepAsync(string step, Func<Task<string>> body)
    {
        var clock = Stopwatch.StartNew();
        var detail = await body();
        _progress.StepDone(step, clock.Elapsed, detail);
    }

    /// <summary>Nodes from lab.json, plus any node directory (a lab whose record was lost still gets cleaned).</summary>
    private List<string> NodeNames()
    {
        var names = new List<string>();
        if (LabRecord.Load(_paths.RecordFile) is { } record) names.AddRange(record.Nodes.Select(n => n.Name));
        if (Directory.Exists(_paths.NodesDirectory)) names.AddRange(Directory.GetDirectories(_paths.NodesDirectory).Select(Path.GetFileName)!);
        // And node namespaces of this lab's naming scheme whose state is gone (deleted by hand, another state dir).
        names.AddRange(NetNs.List().Where(n => n == _name + "-control-plane"
            || (n.StartsWith(_name + "-worker", StringComparison.Ordinal) && n[(_name.Length + 7)..].All(char.IsAsciiDigit))));
        return [.. names.Distinct(StringComparer.Ordinal)];
    }

    private async Task<string> StopComponentsAsync(IReadOnlyList<string> nodes, CancellationToken cancellationToken)
    {
        // Kubelets first: a running kubelet would restart the containers stopped next.
        var stopped = 0;
        var kubelets = nodes.Select(n => LabComponent.Kubelet(_paths, n).PidFile).ToList();
        var results = await Task.WhenAll(kubelets.Select(f => PidFile.StopAsync(f, Grace, cancellationToken)));
        stopped += results.Count(r => r);
        if (await PidFile.StopAsync(LabComponent.ApiServer(_paths).PidFile, Grace, cancellationToken)) stopped++;
        return $"{stopped} stopped";
    }

    private async Task<string> StopContainersAsync(IReadOnlyList<string> nodes, CancellationToken cancellationToken)
    {
        var stopped = 0;
        foreach (var node in nodes)
        {
            var paths = new NodePaths(_paths.NodeDirectory(node));
            foreach (var pidFile in ContainerPidFiles(paths))
            {
                if (await PidFile.StopAsync(pidFile, TimeSpan.Zero, cancellationToken)) stopped++;
            }
            // What pid files cannot name: processes forked by containers, CNI plugin execs, a launch caught by a crash.
            foreach (var podNs in PodNetNs(node, paths))
            {
                stopped += LeftoverProcesses.KillInNetNs(NetNs.PathOf(podNs));
            }
            stopped += LeftoverProcesses.KillInNetNs(NetNs.PathOf(node));
            // Everything kubelet-lite spawned for this node carries its tag (its state directory), whatever stage it reached.
            stopped += LeftoverProcesses.KillTagged(Path.GetFullPath(_paths.NodeDirectory(node)));
        }
        return $"{stopped} processes";
    }

    private static IEnumerable<string> ContainerPidFiles(NodePaths paths) =>
        Directory.Exists(paths.PodsDirectory)
            ? Directory.EnumerateFiles(paths.PodsDirectory, "*.pid", SearchOption.AllDirectories)
            : [];

    /// <summary>The pods' netns names: from their sandbox records, and any /run/netns entry NODE-XXXXXXXX kubelet-lite made.</summary>
    private static IEnumerable<string> PodNetNs(string node, NodePaths paths)
    {
        var recorded = Directory.Exists(paths.PodsDirectory)
            ? Directory.GetDirectories(paths.PodsDirectory).Select(SandboxRecord.Load).Select(r => r?.NetNsName).OfType<string>()
            : [];
        var listed = NetNs.List().Where(n => n.Length == node.Length + 9 && n.StartsWith(node + "-", StringComparison.Ordinal)
            && n[(node.Length + 1)..].All(char.IsAsciiHexDigitLower));
        return recorded.Concat(listed).Distinct(StringComparer.Ordinal).ToList();
    }

    private string RemoveNamespaces(IReadOnlyList<string> nodes)
    {
        var removed = 0;
        foreach (var node in nodes)
        {
            var paths = new NodePaths(_paths.NodeDirectory(node));
            foreach (var podNs in PodNetNs(node, paths).Where(NetNs.Exists))
            {
                NetNs.Delete(podNs);
                removed++;
            }
            if (Directory.Exists(paths.NamespaceDirectory))
            {
                foreach (var uts in Directory.GetFiles(paths.NamespaceDirectory, "uts-*"))
                {
                    PersistentNamespace.Delete(uts);
                }
            }
            new NodeNamespaces(paths, node, node).Destroy();
            removed++;
        }
        var underlay = $"{_name}-underlay";
        if (NetNs.Exists(underlay))
        {
            Underlay.Destroy(underlay);
            removed++;
        }
        return $"{removed} removed";
    }

    private string RemoveStateDirectory()
    {
        if (!Directory.Exists(_paths.Root)) return "already gone";
        // Never recurse through a mount: detach whatever is still mounted below the state dir first (deepest first).
        foreach (var mount in MountsUnder(_paths.Root).OrderByDescending(m => m.Length))
        {
            BindMounts.Unmount(mount);
        }
        if (MountsUnder(_paths.Root).Count > 0)
        {
            throw new LabException("state dir", $"something is still mounted under {_paths.Root}", "unmount it (see /proc/self/mountinfo), then run `ovnk lab down` again");
        }
        Directory.Delete(_paths.Root, recursive: true);
        return _paths.Root + " removed";
    }

    private static List<string> MountsUnder(string root) =>
        [.. File.ReadLines("/proc/self/mountinfo")
            .Select(line => line.Split(' ')[4].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(m => m == root || m.StartsWith(root + "/", StringComparison.Ordinal))];
}
