using System.Net;

namespace Ovnk.Linux.Netlink;

/// <summary>
/// A route: what to add/replace/delete, and what a listing returns. A null <see cref="Scope"/> on add means "as
/// `ip route add` would choose": link for a route without gateway, universe otherwise.
/// </summary>
/// <param name="OutputIndex">RTA_OIF, the device's ifindex.</param>
/// <param name="Source">RTA_PREFSRC, the preferred source address ("src" in `ip route`).</param>
/// <param name="Metric">RTA_PRIORITY ("metric").</param>
public sealed record Route(
    IPNetwork Destination,
    IPAddress? Gateway = null,
    int? OutputIndex = null,
    IPAddress? Source = null,
    uint Table = RouteTables.Main,
    RouteScope? Scope = null,
    uint? Metric = null,
    RouteType Type = RouteType.Unicast,
    RouteProtocol Protocol = RouteProtocol.Static)
{
    public bool IsIPv6 => Destination.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;

    public override string ToString() =>
        $"{Destination}{(Gateway is null ? "" : $" via {Gateway}")}{(OutputIndex is null ? "" : $" dev #{OutputIndex}")}" +
        $"{(Source is null ? "" : $" src {Source}")}{(Table == RouteTables.Main ? "" : $" table {Table}")}";
}
