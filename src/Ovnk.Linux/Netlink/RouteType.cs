namespace Ovnk.Linux.Netlink;

/// <summary>RTN_* route types (rtnetlink.h).</summary>
public enum RouteType : byte
{
    Unspecified = 0,
    Unicast = 1,
    Local = 2,
    Broadcast = 3,
    Anycast = 4,
    Multicast = 5,
    Blackhole = 6,
    Unreachable = 7,
    Prohibit = 8,
}
