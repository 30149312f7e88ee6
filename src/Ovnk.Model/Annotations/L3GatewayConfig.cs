using System.Net;
using Ovnk.Model.Addressing;

namespace Ovnk.Model.Annotations;

/// <summary>The default network's entry of <c>k8s.ovn.org/l3-gateway-config</c>, written by the node agent.</summary>
public sealed record L3GatewayConfig(
    GatewayMode Mode,
    string? BridgeId,
    string? InterfaceId,
    MacAddress? Mac,
    IReadOnlyList<InterfaceAddress> IpAddresses,
    IReadOnlyList<IPAddress> NextHops,
    bool NodePortEnable,
    int VlanId)
{
    /// <summary>A disabled gateway (upstream writes only <c>{"mode":"disabled"}</c>).</summary>
    public static L3GatewayConfig DisabledConfig { get; } = new(GatewayMode.Disabled, null, null, null, [], [], false, 0);
}
