using System.Net;
using System.Net.NetworkInformation;
using Ovnk.Linux.Netlink;

namespace Ovnk.Node.Setup;

/// <summary>What the node's networking looks like once the uplink sits under breth0: what the annotations publish.</summary>
/// <param name="Addresses">The node's addresses (on breth0), primary first.</param>
/// <param name="Gateway">The default route's next hop, if any.</param>
/// <param name="BridgeMac">breth0's MAC (= the uplink's, so peers' ARP caches stay right across the move).</param>
public sealed record UplinkState(IReadOnlyList<InterfaceAddress> Addresses, IPAddress? Gateway, PhysicalAddress BridgeMac)
{
    public InterfaceAddress Primary => Addresses[0];
}
