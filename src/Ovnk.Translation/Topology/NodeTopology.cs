using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Ovnk.Model.Addressing;
using Ovnk.Model.Naming;
using Ovnk.Ovsdb.Schemas.Northbound;
using Ovnk.Ovsdb.Schemas.Typed;
using Ovnk.Translation.Ownership;
using Ovnk.Translation.Rows;

namespace Ovnk.Translation.Topology;

/// <summary>
/// One node's rows on the distributed side (upstream §2.2–2.3, centralized mode §5): its switch (subnet),
/// <c>stor-</c>/<c>rtos-</c>, the management port <c>k8s-&lt;node&gt;</c>, and on
/// <c>ovn_cluster_router</c> the GR join-IP dst-ip route, the subnet src-ip route to its GR and the priority-1004
/// reroute of pod → node-IP traffic to the management port. The gateway side is <see cref="NodeGateway"/>.
/// </summary>
public static class NodeTopology
{
    /// <summary>Every desired row of the node (switch side, then gateway side).</summary>
    public static DesiredState Translate(ClusterConfig config, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(node);
        var owner = Owner.Node(node.Name);
        return new DesiredState(owner, [.. SwitchSide(node, owner), .. ClusterRouterSide(node, owner), .. NodeGateway.Rows(config, node, owner)]);
    }

    private static IEnumerable<DesiredRow> SwitchSide(NodeInfo node, Owner owner)
    {
        var ls = OvnNames.NodeSwitch(node.Name);
        var mgmt = node.Subnets.Select(ManagementIp).ToArray();
        // No exclude_ips for the management IP (upstream's older code set it): k8s-<node> carries it as a static
        // address, which already keeps northd's IPAM off it, and ovn-northd 23.03 warns "Duplicate IP set" for an
        // address that is both excluded and static.
        var otherConfig = new OvsdbDictionary<string, string>(
            node.Subnets.Where(IsV4).Take(1).Select(s => KeyValuePair.Create("subnet", s.ToString())));
        yield return DesiredRow.Of(new LogicalSwitch { Name = ls, OtherConfig = otherConfig, ExternalIds = owner.ExternalIds() });
        var gateways = node.Subnets.Select(s => new InterfaceAddress(IpMath.Offset(s, 1), s.PrefixLength)).ToArray();
        yield return DesiredRow.Of(new LogicalRouterPort
        {
            Name = OvnNames.RouterToSwitchPort(node.Name),
            Mac = MacAddress.ForIp(gateways[0].Address).ToString(),
            Networks = [.. gateways.Select(g => g.ToString())],
            ExternalIds = owner.ExternalIds(),
        }, Links.RouterPort(OvnNames.ClusterRouter));
        yield return DesiredRow.Of(Ports.RouterType(OvnNames.SwitchToRouterPort(node.Name), OvnNames.RouterToSwitchPort(node.Name), owner),
            Links.SwitchPort(ls));
        var mgmtAddresses = $"{node.ManagementMac} {string.Join(' ', mgmt.Select(a => a.ToString()))}";
        yield return DesiredRow.Of(new LogicalSwitchPort
        {
            Name = OvnNames.ManagementPort(node.Name),
            Addresses = [mgmtAddresses],
            ExternalIds = owner.ExternalIds(),
        }, Links.SwitchPort(ls));
    }

    private static IEnumerable<DesiredRow> ClusterRouterSide(NodeInfo node, Owner owner)
    {
        var router = OvnNames.ClusterRouter;
        foreach (var join in node.JoinAddresses)
        {
            var ip = join.Address.ToString();
            yield return DesiredRow.Of(new LogicalRouterStaticRoute
            {
                IpPrefix = ip, Nexthop = ip, Policy = LogicalRouterStaticRoutePolicy.DstIp, ExternalIds = owner.ExternalIds(),
            }, Links.Route(router));
        }
        foreach (var subnet in node.Subnets)
        {
            if (node.JoinAddresses.FirstOrDefault(j => j.Address.AddressFamily == subnet.BaseAddress.AddressFamily) is not { Address: not null } join)
                continue;
            yield return DesiredRow.Of(new LogicalRouterStaticRoute
            {
                IpPrefix = subnet.ToString(), Nexthop = join.Address.ToString(), Policy = LogicalRouterStaticRoutePolicy.SrcIp,
                ExternalIds = owner.ExternalIds(),
            }, Links.Route(router));
        }
        foreach (var nodeIp in node.Gateway.IpAddresses)
        {
            var family = nodeIp.Address.AddressFamily;
            if (node.Subnets.FirstOrDefault(s => s.BaseAddress.AddressFamily == family) is not { BaseAddress: not null } subnet) continue;
            var ipKeyword = family == AddressFamily.InterNetwork ? "ip4" : "ip6";
            yield return DesiredRow.Of(new LogicalRouterPolicy
            {
                Priority = RouterPolicyPriorities.NodeSubnetToNodeIp,
                Match = $"inport == \"{OvnNames.RouterToSwitchPort(node.Name)}\" && {ipKeyword}.dst == {nodeIp.Address} /* {node.Name} */",
                Action = LogicalRouterPolicyAction.Reroute,
                Nexthops = [ManagementIp(subnet).ToString()],
                ExternalIds = owner.ExternalIds(),
            }, Links.Policy(router));
        }
    }

    /// <summary>The management port address of a node subnet (<c>.2</c>).</summary>
    public static IPAddress ManagementIp(IPNetwork subnet) => IpMath.Offset(subnet, 2);

    private static bool IsV4(IPNetwork n) => n.BaseAddress.AddressFamily == AddressFamily.InterNetwork;

    internal static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
