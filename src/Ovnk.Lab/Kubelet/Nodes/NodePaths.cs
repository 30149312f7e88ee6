namespace Ovnk.Lab.Kubelet.Nodes;

/// <summary>
/// The layout of a node's state directory. <c>root/</c> holds the directories bind-mounted over the standard paths
/// inside the node's mount namespace (so <c>root/etc/cni/net.d</c> is the node's /etc/cni/net.d); <c>ns/</c> the
/// persistent namespace files; <c>pods/UID/</c> each pod's sandbox record, volumes and container state;
/// <c>logs/</c> container logs (as /var/log/pods).
/// </summary>
public sealed class NodePaths
{
    /// <summary>The standard paths every node gets its own copy of (ARCHITECTURE.md, "The lab").</summary>
    public static readonly IReadOnlyList<string> NodeOwnedPaths =
    [
        "/etc/cni/net.d", "/opt/cni/bin", "/var/lib/cni", "/run/openvswitch", "/run/ovn", "/run/ovn-kubernetes",
        "/var/log/openvswitch", "/var/log/ovn", "/var/log/ovn-kubernetes",
        // Each node's OVS/OVN databases are its own, never the host's (LAB-CONTRACT.md).
        "/etc/openvswitch", "/var/lib/openvswitch", "/etc/ovn", "/var/lib/ovn",
    ];

    public NodePaths(string stateDirectory)
    {
        StateDirectory = Path.GetFullPath(stateDirectory);
    }

    public string StateDirectory { get; }

    /// <summary>The node's view of <paramref name="standardPath"/> as the host sees it.</summary>
    public string Owned(string standardPath) => Path.Combine(StateDirectory, "root", standardPath.TrimStart('/'));

    public string NamespaceDirectory => Path.Combine(StateDirectory, "ns");

    public string MountNamespace => Path.Combine(NamespaceDirectory, "mnt");

    public string UtsNamespace => Path.Combine(NamespaceDirectory, "uts");

    public string CniConfDirectory => Owned("/etc/cni/net.d");

    public string CniBinDirectory => Owned("/opt/cni/bin");

    /// <summary>libcni's cache directory (/var/lib/cni/results inside the node).</summary>
    public string CniResultsDirectory => Path.Combine(Owned("/var/lib/cni"), "results");

    public string PodsDirectory => Path.Combine(StateDirectory, "pods");

    public string PodDirectory(string uid) => Path.Combine(PodsDirectory, uid);

    public string LogsDirectory => Path.Combine(StateDirectory, "logs");

    /// <summary>/var/log/pods layout: NAMESPACE_NAME_UID/CONTAINER/N.log.</summary>
    public string ContainerLogDirectory(string ns, string name, string uid, string container) =>
        Path.Combine(LogsDirectory, $"{ns}_{name}_{uid}", container);

    /// <summary>The UTS namespace file of a pod sandbox.</summary>
    public string PodUtsNamespace(string uid) => Path.Combine(NamespaceDirectory, "uts-" + uid);
}
