using System.Net.NetworkInformation;

namespace Ovnk.Linux.Netlink;

/// <summary>
/// A veth pair to create: <see cref="Name"/> in the client's namespace and <see cref="PeerName"/> created directly
/// inside <see cref="PeerNetNsPath"/> (IFLA_NET_NS_FD in the peer's info), never moved there afterwards, so no
/// observer ever sees the peer in the wrong namespace.
/// </summary>
public sealed record VethSpec(
    string Name,
    string PeerName,
    string? PeerNetNsPath = null,
    int? Mtu = null,
    PhysicalAddress? Mac = null,
    PhysicalAddress? PeerMac = null);
