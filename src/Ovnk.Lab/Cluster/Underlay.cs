using System.Net;
using System.Net.Sockets;
using Ovnk.Linux.Ethtool;
using Ovnk.Linux.Namespaces;
using Ovnk.Linux.Netlink;

namespace Ovnk.Lab.Cluster;

/// <summary>
/// The lab's wiring (ARCHITECTURE.md, "The lab"): the underlay namespace with a Linux bridge holding 172.18.0.1/16,
/// and per node a veth pair whose node end is eth0 with the node IP and the default route via 172.18.0.1. Ensure
/// creates what is missing and keeps what exists (the node IP may have moved onto breth0, which is fine), so a
/// second `lab up` and a repair after a crash are the same call. Nothing touches the root namespace.
/// </summary>
public static class Underlay
{
    private static readonly IPNetwork DefaultRoute = IPNetwork.Parse("0.0.0.0/0");

    public static void Ensure(LabTopology topology)
    {
        if (!NetNs.Exists(topology.UnderlayNetNs)) NetNs.Create(topology.UnderlayNetNs);
        using var underlay = RtnlClient.Open(NetNs.PathOf(topology.UnderlayNetNs));
        underlay.SetUp("lo", true);
        if (underlay.GetLink(LabNetwork.UnderlayBridge) is null)
        {
            underlay.CreateLink(LabNetwork.UnderlayBridge, "bridge", LabNetwork.Mtu);
        }
        if (!HasAddress(underlay, LabNetwork.Gateway))
        {
            underlay.AddAddress(LabNetwork.UnderlayBridge, new InterfaceAddress(LabNetwork.Gateway, LabNetwork.Underlay.PrefixLength), skipDad: true);
        }
        underlay.SetUp(LabNetwork.UnderlayBridge, true);
        foreach (var node in topology.Nodes)
        {
            EnsureNode(underlay, node);
        }
    }

    private static void EnsureNode(RtnlClient underlay, LabNode node)
    {
        if (!NetNs.Exists(node.Name)) NetNs.Create(node.Name);
        var nodeNs = NetNs.PathOf(node.Name);
        using var inNode = RtnlClient.Open(nodeNs);
        inNode.SetUp("lo", true);
        var eth0 = inNode.GetLink(LabNetwork.NodeUplink);
        var outside = underlay.GetLink(node.UnderlayLink);
        if (eth0 is null || outside is null || eth0.Index != PeerIndex(outside, eth0))
        {
            // A half pair cannot be repaired: start this node's link afresh.
            if (outside is not null) underlay.DeleteLink(node.UnderlayLink);
            if (inNode.GetLink(LabNetwork.NodeUplink) is not null) inNode.DeleteLink(LabNetwork.NodeUplink);
            underlay.CreateVeth(new VethSpec(node.UnderlayLink, LabNetwork.NodeUplink, nodeNs, LabNetwork.Mtu, PeerMac: node.Mac));
        }
        underlay.SetMaster(node.UnderlayLink, LabNetwork.UnderlayBridge);
        underlay.SetUp(node.UnderlayLink, true);

        // The node kernel must send complete checksums: once a peer node has moved its uplink onto breth0, ovs-vswitchd
        // (netdev) reads frames off that peer's eth0 with a raw socket and hands them to its host through breth0's tap,
        // where a TCP checksum a veth left to offload is wrong and the segment is dropped. A node whose agent has not
        // moved its own uplink yet (it is still listing from the API server) then never reaches the API server
        // again (LAB-NOTES item 4, for node traffic: conntrack_l4csum_err grew on the control plane's vswitchd).
        using (var ethtool = EthtoolSocket.Open(nodeNs))
        {
            ethtool.SetTxChecksumming(LabNetwork.NodeUplink, false);
        }
        inNode.SetUp(LabNetwork.NodeUplink, true);
        if (!HasAddress(inNode, node.Ip))
        {
            inNode.AddAddress(LabNetwork.NodeUplink, new InterfaceAddress(node.Ip, LabNetwork.Underlay.PrefixLength), skipDad: true);
        }
        if (!inNode.ListRoutes(AddressFamily.InterNetwork).Any(r => r.Destination.PrefixLength == 0))
        {
            inNode.AddRoute(new Route(DefaultRoute, LabNetwork.Gateway));
        }
    }

    /// <summary>The veth's peer index as the outside end reports it (IFLA_LINK); a mismatch means a stale pair.</summary>
    private static int PeerIndex(Link outside, Link eth0) => outside.ParentIndex ?? eth0.Index;

    private static bool HasAddress(RtnlClient client, IPAddress address) =>
        client.ListAddresses(AddressFamily.InterNetwork).Any(a => a.Address.Address.Equals(address));

    /// <summary>Removes the underlay namespace; the veth pairs go with it (deleting one end deletes both).</summary>
    public static void Destroy(string underlayNetNs)
    {
        if (NetNs.Exists(underlayNetNs)) NetNs.Delete(underlayNetNs);
    }
}
