using Ovnk.Lab.Kubelet.Nodes;
using Ovnk.Linux.Processes;

namespace Ovnk.Lab.Cluster;

/// <summary>
/// `ovnk lab exec NODE -- CMD`: the command line that runs CMD on a node the way `podman exec NODE` does for a kind
/// node: inside its network, UTS and mount namespaces (so /etc/cni/net.d, /run/openvswitch … are the node's own).
/// </summary>
public static class LabExec
{
    public static IReadOnlyList<string> Command(LabPaths paths, LabRecord record, string node, IReadOnlyList<string> command)
    {
        if (record.Nodes.All(n => n.Name != node))
        {
            throw new LabException("exec", $"lab '{record.Name}' has no node '{node}'",
                $"use one of {string.Join(", ", record.Nodes.Select(n => n.Name))}");
        }
        if (command.Count == 0)
        {
            throw new LabException("exec", "no command given", $"add one after --, e.g. ovnk lab exec {node} -- ip r");
        }
        var nodePaths = new NodePaths(paths.NodeDirectory(node));
        if (!File.Exists(Ovnk.Linux.Namespaces.NetNs.PathOf(node)) || !File.Exists(nodePaths.MountNamespace))
        {
            throw new LabException("exec", $"node {node}'s namespaces do not exist", "bring the lab up with `ovnk lab up`");
        }
        var namespaces = new NamespacePaths(Network: Ovnk.Linux.Namespaces.NetNs.PathOf(node), Uts: nodePaths.UtsNamespace, Mount: nodePaths.MountNamespace);
        return namespaces.NsenterPrefix(null, command);
    }
}
