namespace Ovnk.Lab.Cluster;

/// <summary>An Ovnk container that is not Ready on a node, and where its log is.</summary>
/// <param name="Pod">The pod's name (namespace ovn-kubernetes).</param>
/// <param name="Container">The container's name, e.g. "ovnkube-node".</param>
/// <param name="State">What kubectl would show: "Running, not Ready, 2 restarts", "Waiting (ContainerCreating)", ….</param>
/// <param name="LogDirectory">STATE/nodes/NODE/logs/NAMESPACE_POD_UID/CONTAINER (kubelet-lite's /var/log/pods layout).</param>
public sealed record StuckContainer(string Pod, string Container, string State, string LogDirectory);
