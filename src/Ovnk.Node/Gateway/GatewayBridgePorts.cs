using Ovnk.Model.Addressing;

namespace Ovnk.Node.Gateway;

/// <summary>
/// What breth0's flows name: the uplink's OpenFlow port, the patch port ovn-controller creates for the <c>physnet</c>
/// localnet port (null until it exists: the flows are then the host's half only), and the MAC that breth0 shares
/// with the gateway router's <c>rtoe-</c> port.
/// </summary>
public sealed record GatewayBridgePorts(long Uplink, long? Patch, MacAddress Mac);
