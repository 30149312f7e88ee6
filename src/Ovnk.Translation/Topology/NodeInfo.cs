using System.Net;
using Ovnk.Model.Addressing;
using Ovnk.Model.Annotations;

namespace Ovnk.Translation.Topology;

/// <summary>
/// What translation needs about one node, already parsed and validated from its annotations: the cluster
/// manager's (subnets, ID, join addresses) and the node agent's (chassis ID, gateway config, management MAC).
/// </summary>
public sealed record NodeInfo(
    string Name,
    int NodeId,
    IReadOnlyList<IPNetwork> Subnets,
    IReadOnlyList<InterfaceAddress> JoinAddresses,
    string ChassisId,
    MacAddress ManagementMac,
    L3GatewayConfig Gateway);
