using System.Net.NetworkInformation;

namespace Ovnk.Linux.Netlink;

/// <summary>A network interface as rtnetlink reports it (RTM_NEWLINK answer).</summary>
/// <param name="Index">ifindex, unique within the namespace.</param>
/// <param name="Kind">IFLA_INFO_KIND ("veth", "bridge", ...), null for devices without link info (lo, physical).</param>
/// <param name="ParentIndex">IFLA_LINK: for a veth, the peer's index (in the peer's namespace).</param>
/// <param name="MasterIndex">IFLA_MASTER: the bridge or bond this link is enslaved to.</param>
public sealed record Link(
    int Index,
    string Name,
    string? Kind,
    int Mtu,
    PhysicalAddress? Mac,
    LinkFlags Flags,
    int? ParentIndex,
    int? MasterIndex)
{
    /// <summary>Administratively up (IFF_UP), what `ip link set up` sets.</summary>
    public bool IsUp => Flags.HasFlag(LinkFlags.Up);
}
