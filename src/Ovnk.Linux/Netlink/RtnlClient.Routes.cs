using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using static Ovnk.Linux.Netlink.Headers;

namespace Ovnk.Linux.Netlink;

public sealed partial class RtnlClient
{
    private static readonly int RtMsgLength = Marshal.SizeOf<RtMsg>();

    /// <summary>Adds a route; EEXIST if the same destination/table/metric route exists (`ip route add`).</summary>
    public void AddRoute(Route route) => SendRoute(Rtnl.Rtm.NewRoute, Rtnl.Msg.FCreate | Rtnl.Msg.FExcl, route, "add route");

    /// <summary>Adds the route or replaces the one with the same key (`ip route replace`): idempotent.</summary>
    public void ReplaceRoute(Route route) => SendRoute(Rtnl.Rtm.NewRoute, Rtnl.Msg.FCreate | Rtnl.Msg.FReplace, route, "replace route");

    /// <summary>Deletes the route matching the given fields (ESRCH if none).</summary>
    public void DeleteRoute(Route route) => SendRoute(Rtnl.Rtm.DelRoute, 0, route, "delete route");

    /// <summary>Routes of one family, from one table or (null) from all tables.</summary>
    public IReadOnlyList<Route> ListRoutes(AddressFamily family, uint? table = RouteTables.Main)
    {
        var request = () => new NetlinkWriter(Rtnl.Rtm.GetRoute, Rtnl.Msg.FRequest | Rtnl.Msg.FDump)
            .Struct(new RtMsg { Family = FamilyByte(family) });
        return socket.Dump(request, "list routes")
            .Where(m => m.Type == Rtnl.Rtm.NewRoute)
            .Select(ParseRoute)
            .Where(r => table is null || r.Table == table)
            .ToList();
    }

    private void SendRoute(ushort type, ushort createFlags, Route route, string operation)
    {
        ArgumentNullException.ThrowIfNull(route);
        var destination = route.Destination;
        var header = new RtMsg
        {
            Family = route.IsIPv6 ? Rtnl.AfInet6 : Rtnl.AfInet,
            DstLength = (byte)destination.PrefixLength,
            Table = route.Table < 256 ? (byte)route.Table : Rtnl.Rta.TableUnspec,
            Protocol = type == Rtnl.Rtm.DelRoute ? (byte)0 : (byte)route.Protocol,
            Scope = (byte)(route.Scope ?? DefaultScope(type, route)),
            Type = (byte)route.Type,
        };
        var w = new NetlinkWriter(type, (ushort)(Rtnl.Msg.FRequest | Rtnl.Msg.FAck | createFlags)).Struct(header);
        if (destination.PrefixLength > 0) w.Address(Rtnl.Rta.Dst, destination.BaseAddress);
        if (route.Gateway is { } gateway) w.Address(Rtnl.Rta.Gateway, gateway);
        if (route.OutputIndex is { } oif) w.U32(Rtnl.Rta.Oif, (uint)oif);
        if (route.Source is { } source) w.Address(Rtnl.Rta.PrefSrc, source);
        if (route.Metric is { } metric) w.U32(Rtnl.Rta.Priority, metric);
        w.U32(Rtnl.Rta.Table, route.Table);
        socket.Request(w, operation, Where(route.ToString()));
    }

    /// <summary>iproute2's choice: host for local routes, link for routes without a gateway, else universe.</summary>
    private static RouteScope DefaultScope(ushort type, Route route) =>
        type == Rtnl.Rtm.DelRoute ? RouteScope.Nowhere
        : route.Type is RouteType.Local ? RouteScope.Host
        : route.Gateway is null && route.Type is RouteType.Unicast ? RouteScope.Link
        : RouteScope.Universe;

    internal static Route ParseRoute(NetlinkMessage message)
    {
        var header = message.Header<RtMsg>();
        var attrs = message.Attributes(RtMsgLength);
        var any = header.Family == Rtnl.AfInet6 ? IPAddress.IPv6Any : IPAddress.Any;
        var destination = attrs.Address(Rtnl.Rta.Dst) ?? any;
        return new Route(
            InterfaceAddress.IPNetworkOf(destination, header.DstLength),
            attrs.Address(Rtnl.Rta.Gateway),
            (int?)attrs.U32(Rtnl.Rta.Oif),
            attrs.Address(Rtnl.Rta.PrefSrc),
            attrs.U32(Rtnl.Rta.Table) ?? header.Table,
            (RouteScope)header.Scope,
            attrs.U32(Rtnl.Rta.Priority),
            (RouteType)header.Type,
            (RouteProtocol)header.Protocol);
    }
}
