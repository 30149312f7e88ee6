using System.Net;

namespace Ovnk.Node;

/// <summary>
/// Everything the node agent needs to know about its node. Every path is configurable, so tests (and the lab's
/// per-node directories) run the agent against their own OVS database, CNI directories and network namespace.
/// </summary>
public sealed record NodeOptions
{
    /// <summary>
    /// ovs-vswitchd's unixctl socket, for seeding the tunnel neighbour cache (LAB-NOTES item 6) and checking breth0's
    /// flows; null = found from <c>OvsRunDir/ovs-vswitchd.pid</c> on every use, as ovs-appctl does.
    /// </summary>
    public string? VswitchdControl { get; init; }

    /// <summary>
    /// ovs-vswitchd's run directory (OVS_RUNDIR): its pidfile and the bridges' OpenFlow management sockets
    /// (<c>breth0.mgmt</c>, what ovs-ofctl uses) are there.
    /// </summary>
    public string OvsRunDir { get; init; } = "/var/run/openvswitch";

    /// <summary>The Kubernetes node name (also the OVS <c>hostname</c> and the management port's <c>k8s-&lt;node&gt;</c>).</summary>
    public required string NodeName { get; init; }

    /// <summary>The node's Open_vSwitch database (ovs-vswitchd's <c>db.sock</c>).</summary>
    public string OvsDatabase { get; init; } = "unix:/var/run/openvswitch/db.sock";

    /// <summary>The SB database ovn-controller connects to (<c>external_ids:ovn-remote</c>).</summary>
    public required string OvnRemote { get; init; }

    /// <summary>Kubeconfig of the API server; null = in-cluster configuration.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>The node's network namespace file; null = the agent's own namespace (a real node).</summary>
    public string? NetNsPath { get; init; }

    /// <summary>The uplink NIC that moves under the gateway bridge.</summary>
    public string Uplink { get; init; } = "eth0";

    /// <summary>OVS datapath type of br-int and breth0: <c>netdev</c> (userspace) where there is no OVS kernel module.</summary>
    public string DatapathType { get; init; } = "netdev";

    /// <summary>The CNI configuration directory (<c>10-ovn-kubernetes.conf</c> goes here).</summary>
    public string CniConfDir { get; init; } = "/etc/cni/net.d";

    /// <summary>The CNI plugin directory (<c>ovn-k8s-cni-overlay</c> is installed here).</summary>
    public string CniBinDir { get; init; } = "/opt/cni/bin";

    /// <summary>The plugin binary to install; null = do not install (it is already there).</summary>
    public string? CniPluginSource { get; init; }

    /// <summary>The CNI server socket.</summary>
    public string CniSocketPath { get; init; } = Cni.CniServer.DefaultSocketPath;

    /// <summary>The cluster's pod CIDR, routed via the node subnet's <c>.1</c> on the management port.</summary>
    public IPNetwork ClusterCidr { get; init; } = IPNetwork.Parse("10.244.0.0/16");

    /// <summary>Pod interface MTU: 1500 minus the 58-byte geneve overhead by default (LAB-NOTES).</summary>
    public int Mtu { get; init; } = 1400;

    /// <summary>Bound on waiting for the pod annotation, the OVS port and <c>ovn-installed</c> in one ADD.</summary>
    public TimeSpan PodReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Bound on waiting for OVS at startup: the Open_vSwitch root row (ovs-node writes it right after ovsdb-server
    /// starts) and ovs-vswitchd opening the bridges and the management port. Past it the agent exits with the cause, so
    /// its restart (kubelet) tries again instead of the agent waiting forever.
    /// </summary>
    public TimeSpan OvsReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Bound on each startup step that waits on a peer (the OVS database connection, the API server's first list of
    /// Nodes and of this node's Pods). Past it the agent exits naming the step, and its restart tries again.
    /// </summary>
    public TimeSpan StartupStageTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Bound on waiting for the controller's <c>node-subnets</c> annotation at startup.</summary>
    public TimeSpan NodeSubnetTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>True when the datapath is userspace and the pod veth needs TX checksum offload off (LAB-NOTES item 4).</summary>
    public bool IsUserspaceDatapath => DatapathType == "netdev";
}
