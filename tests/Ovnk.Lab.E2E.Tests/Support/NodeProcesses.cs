using Ovnk.Lab.Cluster;
using Ovnk.Linux.Namespaces;

namespace Ovnk.Lab.E2E.Tests.Support;

/// <summary>Finds the processes running on a lab node: container main processes (kubelet-lite's pid files) and daemons.</summary>
public static class NodeProcesses
{
    /// <summary>The live main process of container <paramref name="container"/> on <paramref name="node"/>.</summary>
    public static ProcessIdentity? Container(LabFixture lab, string node, string container)
    {
        var pods = Path.Combine(lab.Paths.NodeDirectory(node), "pods");
        return Directory.EnumerateFiles(pods, container + ".pid", SearchOption.AllDirectories)
            .Select(PidFile.ReadAlive).FirstOrDefault(p => p is not null);
    }

    /// <summary>A process named <paramref name="comm"/> running in the node's network namespace (a daemon a container started).</summary>
    public static ProcessIdentity? Daemon(LabFixture lab, string node, string comm)
    {
        var target = NamespaceId.Of(NetNs.PathOf(node));
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "comm")).Trim() != comm) continue;
                if (NamespaceId.Of(Path.Combine(dir, "ns", "net")) != target) continue;
                if (ProcessIdentity.Of(pid) is { IsAlive: true } live) return live;
            }
            catch (Exception e) when (e is IOException or Ovnk.Linux.LinuxException)
            {
                // Exited meanwhile.
            }
        }
        return null;
    }
}
