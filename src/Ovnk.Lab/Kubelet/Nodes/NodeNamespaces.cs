using Ovnk.Linux.Namespaces;
using Ovnk.Linux.Netlink;

namespace Ovnk.Lab.Kubelet.Nodes;

/// <summary>
/// A lab node's namespaces: a network namespace under /run/netns (so `ip netns exec NODE` works), a UTS namespace
/// whose host name is the node name, and a mount namespace (slave of the host, so new /run/netns entries show up in
/// it) in which the node's own directories from the state dir are bind-mounted over the standard paths.
/// <see cref="EnsureAsync"/> creates what is missing and adopts what exists, so a restarted kubelet-lite keeps its node.
/// </summary>
public sealed class NodeNamespaces
{
    private readonly NodePaths _paths;
    private readonly string _netNsName;
    private readonly string _nodeName;

    public NodeNamespaces(NodePaths paths, string netNsName, string nodeName)
    {
        _paths = paths;
        _netNsName = netNsName;
        _nodeName = nodeName;
    }

    /// <summary>The node's network namespace file.</summary>
    public string NetNs => Ovnk.Linux.Namespaces.NetNs.PathOf(_netNsName);

    public string MountNs => _paths.MountNamespace;

    public string UtsNs => _paths.UtsNamespace;

    /// <summary>Everything a process "on the node" runs in.</summary>
    public NamespaceSet All => new(Network: NetNs, Uts: UtsNs, Mount: MountNs);

    /// <summary>Creates or adopts the namespaces and the bind mounts; idempotent.</summary>
    public Task EnsureAsync(CancellationToken cancellationToken) => Task.Run(Ensure, cancellationToken);

    private void Ensure()
    {
        foreach (var path in NodePaths.NodeOwnedPaths)
        {
            Directory.CreateDirectory(_paths.Owned(path));
            // The mount point must exist on the host's filesystem (LAB-NOTES item 11); an empty directory is harmless.
            Directory.CreateDirectory(path);
        }
        Directory.CreateDirectory(_paths.CniResultsDirectory);
        if (!Ovnk.Linux.Namespaces.NetNs.Exists(_netNsName))
        {
            // Before the mount namespace: /run/netns must already be a shared mount for the slave to receive pods' netns.
            Ovnk.Linux.Namespaces.NetNs.Create(_netNsName);
        }
        using (var rtnl = RtnlClient.Open(NetNs))
        {
            rtnl.SetUp("lo", true);
        }
        if (!IsNamespaceFile(MountNs, NamespaceKind.Mount))
        {
            RemoveStale(MountNs);
            PersistentNamespace.Create(NamespaceKind.Mount, MountNs, MountPropagation.Slave);
        }
        NamespaceRunner.Run(new NamespaceSet(Mount: MountNs), BindOwnedPaths);

        // After the mount namespace: creating it bind-mounts ns/ onto itself (private), which would hide a namespace
        // file bound in ns/ before.
        if (!IsNamespaceFile(UtsNs, NamespaceKind.Uts))
        {
            RemoveStale(UtsNs);
            PersistentNamespace.Create(NamespaceKind.Uts, UtsNs);
        }
        NamespaceRunner.Run(new NamespaceSet(Uts: UtsNs), () => HostName.Set(_nodeName));
    }

    private void BindOwnedPaths()
    {
        foreach (var path in NodePaths.NodeOwnedPaths)
        {
            var source = _paths.Owned(path);
            if (!BindMounts.IsBound(source, path))
            {
                BindMounts.Bind(source, path);
            }
        }
    }

    /// <summary>Removes the node's namespaces (tests and `lab down`); the state directory stays.</summary>
    public void Destroy()
    {
        if (IsNamespaceFile(MountNs, NamespaceKind.Mount)) PersistentNamespace.Delete(MountNs);
        if (IsNamespaceFile(UtsNs, NamespaceKind.Uts)) PersistentNamespace.Delete(UtsNs);
        if (Directory.Exists(_paths.NamespaceDirectory))
        {
            BindMounts.Unmount(_paths.NamespaceDirectory);
        }
        if (Ovnk.Linux.Namespaces.NetNs.Exists(_netNsName)) Ovnk.Linux.Namespaces.NetNs.Delete(_netNsName);
    }

    internal static bool IsNamespaceFile(string path, NamespaceKind kind)
    {
        if (!File.Exists(path)) return false;
        try
        {
            using var handle = NamespaceHandle.Open(path, kind);
            return true;
        }
        catch (Ovnk.Linux.LinuxException)
        {
            return false;
        }
    }

    /// <summary>An empty file left by a crash between creating the file and binding the namespace onto it.</summary>
    private static void RemoveStale(string path)
    {
        if (File.Exists(path))
        {
            BindMounts.Unmount(path);
            File.Delete(path);
        }
    }
}
