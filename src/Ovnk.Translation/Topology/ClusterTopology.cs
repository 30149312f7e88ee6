using Ovnk.Model.Addressing;
using Ovnk.Model.Allocation;
using Ovnk.Model.Naming;
using Ovnk.Ovsdb.Schemas.Northbound;
using Ovnk.Translation.Ownership;
using Ovnk.Translation.Rows;

namespace Ovnk.Translation.Topology;

/// <summary>
/// The cluster-wide rows (upstream §2.2): <c>ovn_cluster_router</c> and the <c>join</c> switch joined by
/// <c>rtoj-ovn_cluster_router</c> (100.64.0.1/16) and <c>jtor-ovn_cluster_router</c>.
/// </summary>
public static class ClusterTopology
{
    /// <summary>The desired cluster-wide rows.</summary>
    public static DesiredState Translate(ClusterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var owner = Owner.Cluster;
        var routerPort = OvnNames.RouterToJoinPort(OvnNames.ClusterRouter);
        var joinAddresses = config.JoinSubnets.Select(s => new JoinIpAllocator(s).ClusterRouterAddress).ToArray();
        return new DesiredState(owner, [
            DesiredRow.Of(new LogicalRouter
            {
                Name = OvnNames.ClusterRouter,
                Options = Ovsdb.Schemas.Typed.OvsdbDictionary<string, string>.Of(("always_learn_from_arp_request", "false")),
                ExternalIds = owner.ExternalIds((ExternalIdKeys.ClusterRouter, "yes")),
            }),
            DesiredRow.Of(new LogicalSwitch { Name = OvnNames.JoinSwitch, ExternalIds = owner.ExternalIds() }),
            DesiredRow.Of(new LogicalRouterPort
            {
                Name = routerPort,
                Mac = MacAddress.ForIp(joinAddresses[0].Address).ToString(),
                Networks = [.. joinAddresses.Select(a => a.ToString())],
                ExternalIds = owner.ExternalIds(),
            }, Links.RouterPort(OvnNames.ClusterRouter)),
            DesiredRow.Of(Ports.RouterType(OvnNames.JoinToRouterPort(OvnNames.ClusterRouter), routerPort, owner),
                Links.SwitchPort(OvnNames.JoinSwitch)),
        ]);
    }
}
