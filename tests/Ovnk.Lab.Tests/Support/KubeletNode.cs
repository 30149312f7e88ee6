using System.Diagnostics;
using Ovnk.Lab.Kubelet.Containers;
using Ovnk.Lab.Kubelet.Nodes;
using Ovnk.Lab.Kubelet.Pods;
using Ovnk.Linux.Namespaces;

namespace Ovnk.Lab.Tests.Support;

/// <summary>
/// One lab node: `ovnk lab kubelet` as a child process (so tests can kill -9 it) with its own temp state dir and a
/// unique node/netns name (prefix `kubelet-`). Dispose kills it by pid and removes everything it created: container
/// processes (pid files), pod and node namespaces, the state directory.
/// </summary>
public sealed class KubeletNode : IAsyncDisposable
{
    private Process? _process;

    private KubeletNode(string name, string stateDirectory, string kubeconfig, string[] extraArgs)
    {
        Name = name;
        StateDirectory = stateDirectory;
        Kubeconfig = kubeconfig;
        ExtraArgs = extraArgs;
        Paths = new NodePaths(stateDirectory);
    }

    public string Name { get; }

    public string StateDirectory { get; }

    public string Kubeconfig { get; }

    public string[] ExtraArgs { get; }

    public NodePaths Paths { get; }

    /// <summary>The node's network namespace name (= the node name).</summary>
    public string NetNs => Name;

    /// <summary>Everything the kubelet printed (for failure messages).</summary>
    public System.Text.StringBuilder Output { get; } = new();

    /// <summary>A node named kubelet-RANDOM-<paramref name="suffix"/>; writes <paramref name="cniConfig"/> (if any) before starting.</summary>
    public static async Task<KubeletNode> StartAsync(string kubeconfig, string suffix, string? cniConfig, params string[] extraArgs) =>
        await StartAsync(kubeconfig, suffix, cniConfig, null, extraArgs);

    /// <summary>As above, running <paramref name="prepare"/> on the node's directories before the process starts.</summary>
    public static async Task<KubeletNode> StartAsync(string kubeconfig, string suffix, string? cniConfig, Action<KubeletNode>? prepare, params string[] extraArgs)
    {
        var name = $"kubelet-{Guid.NewGuid().ToString("N")[..6]}-{suffix}";
        var node = new KubeletNode(name, Directory.CreateTempSubdirectory("ovnk-kubelet-").FullName, kubeconfig, extraArgs);
        if (cniConfig is not null) node.WriteCniConfig(cniConfig);
        prepare?.Invoke(node);
        await node.StartProcessAsync();
        return node;
    }

    /// <summary>Writes the node's /etc/cni/net.d/10-test.conflist.</summary>
    public void WriteCniConfig(string json)
    {
        Directory.CreateDirectory(Paths.CniConfDirectory);
        File.WriteAllText(Path.Combine(Paths.CniConfDirectory, "10-test.conflist"), json);
    }

    /// <summary>Starts (or restarts) the kubelet process.</summary>
    public Task StartProcessAsync()
    {
        var binary = Path.Combine(AppContext.BaseDirectory, "ovnk");
        var info = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "lab", "kubelet", "--node", Name, "--state-dir", StateDirectory, "--kubeconfig", Kubeconfig, "--cni-plugins", "/usr/lib/cni" }.Concat(ExtraArgs))
        {
            info.ArgumentList.Add(arg);
        }
        _process = Process.Start(info) ?? throw new InvalidOperationException($"{binary} did not start");
        _process.OutputDataReceived += (_, e) => { lock (Output) Output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (Output) Output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        return Task.CompletedTask;
    }

    /// <summary>kill -9 of the kubelet process (its containers live on, as with a real kubelet).</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30));
        _process.Dispose();
        _process = null;
    }

    /// <summary>The pod's network namespace name as kubelet-lite names it.</summary>
    public string PodNetNs(string uid) => $"{NetNs}-{uid[..8]}";

    /// <summary>This node's entries under /run/netns (the node's own and its pods').</summary>
    public IReadOnlyList<string> NetNamespaces() => [.. Ovnk.Linux.Namespaces.NetNs.List().Where(n => n.StartsWith(Name, StringComparison.Ordinal))];

    /// <summary>The CNI result cache files.</summary>
    public IReadOnlyList<string> CniCacheFiles() =>
        Directory.Exists(Paths.CniResultsDirectory) ? Directory.GetFiles(Paths.CniResultsDirectory) : [];

    /// <summary>host-local's allocation files (everything but its lock and last-reserved-ip files).</summary>
    public IReadOnlyList<string> IpamAllocations()
    {
        var dir = Path.Combine(Paths.Owned("/var/lib/cni"), "networks");
        return Directory.Exists(dir)
            ? [.. Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith("last_reserved_ip", StringComparison.Ordinal) && Path.GetFileName(f) != "lock")]
            : [];
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        LeftoverProcesses.KillTagged(Path.GetFullPath(StateDirectory)); // every process it started, even after a failed test
        foreach (var dir in Directory.Exists(Paths.PodsDirectory) ? Directory.GetDirectories(Paths.PodsDirectory) : [])
        {
            var containers = Path.Combine(dir, "containers");
            foreach (var pidFile in Directory.Exists(containers) ? Directory.GetFiles(containers, "*.pid") : [])
            {
                LeftoverProcesses.KillIfAlive(pidFile);
            }
        }
        foreach (var ns in NetNamespaces().Where(n => n != Name))
        {
            Ovnk.Linux.Namespaces.NetNs.Delete(ns);
        }
        foreach (var file in Directory.Exists(Paths.NamespaceDirectory) ? Directory.GetFiles(Paths.NamespaceDirectory, "uts-*") : [])
        {
            BindMounts.Unmount(file);
        }
        new NodeNamespaces(Paths, NetNs, Name).Destroy();
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
