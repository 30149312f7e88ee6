namespace Ovnk.Linux.Netlink;

/// <summary>RTPROT_* (rtnetlink.h): who installed a route. Ovnk's own routes are <see cref="Static"/>.</summary>
public enum RouteProtocol : byte
{
    Unspecified = 0,
    Redirect = 1,
    Kernel = 2,
    Boot = 3,
    Static = 4,
}
