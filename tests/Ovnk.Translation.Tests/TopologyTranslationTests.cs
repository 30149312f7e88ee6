using Ovnk.Translation.Rows;
using Ovnk.Translation.Topology;

namespace Ovnk.Translation.Tests;

/// <summary>Acceptance 1: the rows each translator wants, against upstream's names and values (reference §2.2–2.5).</summary>
public class TopologyTranslationTests
{
    [Theory]
    [InlineData("cluster router marked as upstream", "Logical_Router", "ovn_cluster_router", "options", "always_learn_from_arp_request=false")]
    [InlineData("cluster router owner keys", "Logical_Router", "ovn_cluster_router", "external_ids",
        "k8s-cluster-router=yes,k8s.ovn.org/name=cluster,k8s.ovn.org/owner-controller=default-network-controller,k8s.ovn.org/owner-type=Cluster")]
    [InlineData("join switch exists", "Logical_Switch", "join", "name", "join")]
    [InlineData("cluster router join port is 100.64.0.1/16", "Logical_Router_Port", "rtoj-ovn_cluster_router", "networks", "100.64.0.1/16")]
    [InlineData("cluster router join port MAC is 0a:58 + IP", "Logical_Router_Port", "rtoj-ovn_cluster_router", "mac", "0a:58:64:40:00:01")]
    [InlineData("join switch port peers with the router port", "Logical_Switch_Port", "jtor-ovn_cluster_router", "options", "router-port=rtoj-ovn_cluster_router")]
    [InlineData("join switch port is a router port", "Logical_Switch_Port", "jtor-ovn_cluster_router", "addresses", "router")]
    public void Cluster_Rows(string name, string table, string key, string column, string expected)
    {
        Assert.NotEmpty(name);
        Assert.Equal(expected, RowFormat.Column(Find(ClusterTopology.Translate(ClusterConfig.Default), table, key), column));
    }

    [Theory]
    [InlineData("node switch subnet (the management IP is a static address, not excluded)", "Logical_Switch", "ovn-worker", "other_config", "subnet=10.244.1.0/24")]
    [InlineData("rtos port is the pod gateway .1", "Logical_Router_Port", "rtos-ovn-worker", "networks", "10.244.1.1/24")]
    [InlineData("rtos MAC follows upstream's example", "Logical_Router_Port", "rtos-ovn-worker", "mac", "0a:58:0a:f4:01:01")]
    [InlineData("stor port peers with rtos", "Logical_Switch_Port", "stor-ovn-worker", "options", "router-port=rtos-ovn-worker")]
    [InlineData("management port address", "Logical_Switch_Port", "k8s-ovn-worker", "addresses", "ca:53:88:23:bc:98 10.244.1.2")]
    [InlineData("GR bound to the node's chassis", "Logical_Router", "GR_ovn-worker", "options",
        "always_learn_from_arp_request=false,chassis=chassis-ovn-worker,dynamic_neigh_routers=false,lb_force_snat_ip=router_ip,mac_binding_age_threshold=300,snat-ct-zone=0")]
    [InlineData("GR join port from the node ID", "Logical_Router_Port", "rtoj-GR_ovn-worker", "networks", "100.64.0.3/16")]
    [InlineData("join switch port to the GR", "Logical_Switch_Port", "jtor-GR_ovn-worker", "options", "router-port=rtoj-GR_ovn-worker")]
    [InlineData("rtoe has the node IP", "Logical_Router_Port", "rtoe-GR_ovn-worker", "networks", "172.18.0.3/16")]
    [InlineData("rtoe has the breth0 MAC", "Logical_Router_Port", "rtoe-GR_ovn-worker", "mac", "02:42:ac:12:00:03")]
    [InlineData("etor options as upstream", "Logical_Switch_Port", "etor-GR_ovn-worker", "options",
        "exclude-lb-vips-from-garp=true,nat-addresses=router,router-port=rtoe-GR_ovn-worker")]
    [InlineData("localnet port on physnet", "Logical_Switch_Port", "breth0_ovn-worker", "options", "network_name=physnet")]
    [InlineData("localnet port type", "Logical_Switch_Port", "breth0_ovn-worker", "type", "localnet")]
    [InlineData("SNAT of the cluster CIDR to the node IP", "NAT", "snat|172.18.0.3|10.244.0.0/16", "type", "snat")]
    [InlineData("cluster router: GR join IP dst-ip route", "Logical_Router_Static_Route", "dst-ip|100.64.0.3|100.64.0.3|", "policy", "dst-ip")]
    [InlineData("cluster router: node subnet src-ip route to its GR", "Logical_Router_Static_Route", "src-ip|10.244.1.0/24|100.64.0.3|", "policy", "src-ip")]
    [InlineData("GR: cluster CIDR back via the cluster router", "Logical_Router_Static_Route", "|10.244.0.0/16|100.64.0.1|", "nexthop", "100.64.0.1")]
    [InlineData("GR: default route to the next hop out rtoe", "Logical_Router_Static_Route", "|0.0.0.0/0|172.18.0.1|rtoe-GR_ovn-worker", "output_port", "rtoe-GR_ovn-worker")]
    [InlineData("1004 reroute of pod to node IP to the management port", "Logical_Router_Policy",
        "1004|inport == \"rtos-ovn-worker\" && ip4.dst == 172.18.0.3 /* ovn-worker */", "nexthops", "10.244.1.2")]
    public void Node_Rows(string name, string table, string key, string column, string expected)
    {
        Assert.NotEmpty(name);
        Assert.Equal(expected, RowFormat.Column(Find(NodeTopology.Translate(ClusterConfig.Default, Samples.Node()), table, key), column));
    }

    [Theory]
    [InlineData("addresses are MAC then IP", "addresses", "0a:58:0a:f4:01:05 10.244.1.5")]
    [InlineData("port security equals addresses", "port_security", "0a:58:0a:f4:01:05 10.244.1.5")]
    [InlineData("requested chassis and iface-id-ver", "options", "iface-id-ver=uid-web-0,requested-chassis=chassis-ovn-worker")]
    [InlineData("upstream pod markers and owner keys", "external_ids",
        "k8s.ovn.org/name=default:web-0,k8s.ovn.org/owner-controller=default-network-controller,k8s.ovn.org/owner-type=Pod,namespace=default,pod=true")]
    public void Pod_Port(string name, string column, string expected)
    {
        Assert.NotEmpty(name);
        var state = PodPort.Translate(Samples.Pod());
        var row = Assert.Single(state.Rows);
        Assert.Equal("default_web-0", row.Key);
        Assert.Equal(new ParentLink("Logical_Switch", "ovn-worker", "ports"), row.Parent);
        Assert.Equal(expected, RowFormat.Column(row, column));
    }

    [Theory]
    [InlineData("upstream's documented name for default", "default", new string[0], "a4322231855293774466", "")]
    [InlineData("pod IPs sorted", "default", new[] { "10.244.1.7", "10.244.0.5" }, "a4322231855293774466", "10.244.0.5,10.244.1.7")]
    public void Namespace_AddressSet(string name, string ns, string[] ips, string expectedName, string expectedAddresses)
    {
        Assert.NotEmpty(name);
        var state = NamespaceAddressSet.Translate(new NamespaceInfo(ns, [.. ips.Select(System.Net.IPAddress.Parse)]));
        var row = Assert.Single(state.Rows);
        Assert.Equal(expectedName, row.Key);
        Assert.Equal(expectedAddresses, RowFormat.Column(row, "addresses"));
        Assert.Contains("k8s.ovn.org/id=default-network-controller:Namespace:default:v4", RowFormat.Column(row, "external_ids"), StringComparison.Ordinal);
    }

    [Fact]
    public void Node_PerNodeClusterRoutes_AreExactlyOneSrcIpAndOneDstIp()
    {
        var rows = NodeTopology.Translate(ClusterConfig.Default, Samples.Node()).Rows
            .Where(r => r.Parent?.Key == "ovn_cluster_router" && r.Table.Name == "Logical_Router_Static_Route").ToArray();
        Assert.Equal(["dst-ip", "src-ip"], rows.Select(r => RowFormat.Column(r, "policy")).Order());
    }

    [Fact]
    public void Node_WithGatewayDisabled_HasNoGatewayRouter()
    {
        var node = Samples.Node() with { Gateway = Model.Annotations.L3GatewayConfig.DisabledConfig };
        var rows = NodeTopology.Translate(ClusterConfig.Default, node).Rows;
        Assert.DoesNotContain(rows, r => r.Key.StartsWith("GR_", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Key == "k8s-ovn-worker");
    }

    private static DesiredRow Find(DesiredState state, string table, string key) =>
        state.Rows.SingleOrDefault(r => r.Table.Name == table && r.Key == key)
        ?? throw new Xunit.Sdk.XunitException($"no {table}[{key}] among: {string.Join(", ", state.Rows)}");
}
