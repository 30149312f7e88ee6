namespace Ovnk.Linux.Netlink;

/// <summary>RT_SCOPE_* (rtnetlink.h): used by routes (rtm_scope) and addresses (ifa_scope).</summary>
public enum RouteScope : byte
{
    Universe = 0,
    Site = 200,
    Link = 253,
    Host = 254,
    Nowhere = 255,
}
