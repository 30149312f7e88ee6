using System.Net.Sockets;
using Ovnk.Model.Addressing;
using Ovnk.Model.Allocation;
using Ovnk.Model.Annotations;
using Ovnk.Model.Naming;
using Ovnk.Ovsdb.Schemas.Northbound;
using Ovnk.Ovsdb.Schemas.Typed;
using Ovnk.Translation.Ownership;
using Ovnk.Translation.Rows;

namespace Ovnk.Translation.Topology;

/// <summary>
/// A node's gateway side (upstream §2.2, shared gateway): <c>GR_&lt;node&gt;</c> bound to the node's chassis,
/// <c>rtoj-</c>/<c>jtor-</c> on the join switch, <c>rtoe-</c> with the node IP and breth0 MAC on <c>ext_&lt;node&gt;</c>
/// whose localnet port <c>breth0_&lt;node&gt;</c> maps to <c>physnet</c>, SNAT of the cluster CIDR to the node IP, and
/// the GR routes (cluster CIDR back via the cluster router, default route to the node's next hop).
/// </summary>
public static class NodeGateway
{
    /// <summary>The gateway rows; none when the node agent reports the gateway disabled.</summary>
    public static IEnumerable<DesiredRow> Rows(ClusterConfig config, NodeInfo node, Owner owner)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(node);
        if (node.Gateway.Mode == GatewayMode.Disabled) return [];
        return [.. Router(node, owner), .. ExternalSwitch(node, owner), .. Routing(config, node, owner)];
    }

    private static IEnumerable<DesiredRow> Router(NodeInfo node, Owner owner)
    {
        var gr = OvnNames.GatewayRouter(node.Name);
        var ips = node.Gateway.IpAddresses;
        yield return DesiredRow.Of(new LogicalRouter
        {
            Name = gr,
            Options = OvsdbDictionary<string, string>.Of(("chassis", node.ChassisId), ("lb_force_snat_ip", "router_ip"),
                ("snat-ct-zone", "0"), ("always_learn_from_arp_request", "false"), ("dynamic_neigh_routers", "false"),
                ("mac_binding_age_threshold", "300")),
            ExternalIds = owner.ExternalIds((ExternalIdKeys.PhysicalIp, ips[0].Address.ToString()),
                (ExternalIdKeys.PhysicalIps, string.Join(',', ips.Select(a => a.Address.ToString())))),
        });
        var rtoj = OvnNames.RouterToJoinPort(gr);
        yield return DesiredRow.Of(new LogicalRouterPort
        {
            Name = rtoj,
            Mac = MacAddress.ForIp(node.JoinAddresses[0].Address).ToString(),
            Networks = [.. node.JoinAddresses.Select(a => a.ToString())],
            ExternalIds = owner.ExternalIds(),
        }, Links.RouterPort(gr));
        yield return DesiredRow.Of(Ports.RouterType(OvnNames.JoinToRouterPort(gr), rtoj, owner), Links.SwitchPort(OvnNames.JoinSwitch));
        yield return DesiredRow.Of(new LogicalRouterPort
        {
            Name = OvnNames.RouterToExternalPort(node.Name),
            Mac = node.Gateway.Mac!.Value.ToString(),
            Networks = [.. ips.Select(a => a.ToString())],
            ExternalIds = owner.ExternalIds(),
        }, Links.RouterPort(gr));
    }

    private static IEnumerable<DesiredRow> ExternalSwitch(NodeInfo node, Owner owner)
    {
        var ext = OvnNames.ExternalSwitch(node.Name);
        yield return DesiredRow.Of(new LogicalSwitch { Name = ext, ExternalIds = owner.ExternalIds() });
        yield return DesiredRow.Of(Ports.RouterType(OvnNames.ExternalToRouterPort(node.Name), OvnNames.RouterToExternalPort(node.Name), owner,
            OvsdbDictionary<string, string>.Of(("nat-addresses", "router"), ("exclude-lb-vips-from-garp", "true"))), Links.SwitchPort(ext));
        var localnetOptions = OvsdbDictionary<string, string>.Of(("network_name", OvnNames.PhysicalNetworkName));
        yield return DesiredRow.Of(new LogicalSwitchPort
        {
            Name = OvnNames.LocalnetPort(node.Name),
            Type = "localnet",
            Addresses = ["unknown"],
            Options = localnetOptions,
            TagRequest = node.Gateway.VlanId > 0 ? node.Gateway.VlanId : null,
            ExternalIds = owner.ExternalIds(),
        }, Links.SwitchPort(ext));
    }

    private static IEnumerable<DesiredRow> Routing(ClusterConfig config, NodeInfo node, Owner owner)
    {
        var gr = OvnNames.GatewayRouter(node.Name);
        foreach (var nodeIp in node.Gateway.IpAddresses)
        {
            var family = nodeIp.Address.AddressFamily;
            foreach (var cidr in config.ClusterCidrs.Where(c => c.BaseAddress.AddressFamily == family))
                yield return DesiredRow.Of(new Nat
                {
                    Type = NatType.Snat, ExternalIp = nodeIp.Address.ToString(), LogicalIp = cidr.ToString(), ExternalIds = owner.ExternalIds(),
                }, Links.Nat(gr));
            var join = config.JoinSubnets.FirstOrDefault(j => j.BaseAddress.AddressFamily == family);
            foreach (var cidr in config.ClusterCidrs.Where(c => c.BaseAddress.AddressFamily == family && join.BaseAddress is not null))
                yield return DesiredRow.Of(new LogicalRouterStaticRoute
                {
                    IpPrefix = cidr.ToString(), Nexthop = new JoinIpAllocator(join).ClusterRouterAddress.Address.ToString(),
                    ExternalIds = owner.ExternalIds(),
                }, Links.Route(gr));
            foreach (var hop in node.Gateway.NextHops.Where(h => h.AddressFamily == family).Take(1))
                yield return DesiredRow.Of(new LogicalRouterStaticRoute
                {
                    IpPrefix = family == AddressFamily.InterNetwork ? "0.0.0.0/0" : "::/0", Nexthop = hop.ToString(),
                    OutputPort = OvnNames.RouterToExternalPort(node.Name), ExternalIds = owner.ExternalIds(),
                }, Links.Route(gr));
        }
    }
}
