using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using static Ovnk.Linux.Netlink.Headers;

namespace Ovnk.Linux.Netlink;

public sealed partial class RtnlClient
{
    private static readonly int NdMsgLength = Marshal.SizeOf<NdMsg>();

    /// <summary>Adds a permanent neighbour entry (`ip neigh add ... nud permanent`); EEXIST if one exists.</summary>
    public void AddNeighbour(string link, IPAddress address, PhysicalAddress mac) =>
        SendNeighbour(Rtnl.Rtm.NewNeigh, Rtnl.Msg.FCreate | Rtnl.Msg.FExcl, link, address, mac, "add neighbour");

    /// <summary>Adds or overwrites a permanent neighbour entry (`ip neigh replace`): idempotent.</summary>
    public void ReplaceNeighbour(string link, IPAddress address, PhysicalAddress mac) =>
        SendNeighbour(Rtnl.Rtm.NewNeigh, Rtnl.Msg.FCreate | Rtnl.Msg.FReplace, link, address, mac, "replace neighbour");

    /// <summary>Deletes the neighbour entry for <paramref name="address"/> on the link (ENOENT if none).</summary>
    public void DeleteNeighbour(string link, IPAddress address) =>
        SendNeighbour(Rtnl.Rtm.DelNeigh, 0, link, address, null, "delete neighbour");

    /// <summary>Neighbour entries (both families when <paramref name="family"/> is null).</summary>
    public IReadOnlyList<Neighbour> ListNeighbours(AddressFamily? family = null)
    {
        var request = () => new NetlinkWriter(Rtnl.Rtm.GetNeigh, Rtnl.Msg.FRequest | Rtnl.Msg.FDump)
            .Struct(new NdMsg { Family = FamilyByte(family) });
        return socket.Dump(request, "list neighbours")
            .Where(m => m.Type == Rtnl.Rtm.NewNeigh)
            .Select(ParseNeighbour)
            .OfType<Neighbour>()
            .ToList();
    }

    private void SendNeighbour(ushort type, ushort createFlags, string link, IPAddress address, PhysicalAddress? mac, string operation)
    {
        ArgumentNullException.ThrowIfNull(address);
        var header = new NdMsg
        {
            Family = address.AddressFamily == AddressFamily.InterNetworkV6 ? Rtnl.AfInet6 : Rtnl.AfInet,
            Index = RequireLink(link, operation).Index,
            State = (ushort)NeighbourState.Permanent,
        };
        var w = new NetlinkWriter(type, (ushort)(Rtnl.Msg.FRequest | Rtnl.Msg.FAck | createFlags)).Struct(header);
        w.Address(Rtnl.Nda.Dst, address);
        if (mac is not null) w.Attr(Rtnl.Nda.LlAddr, mac.GetAddressBytes());
        socket.Request(w, operation, Where($"{address} on {link}"));
    }

    /// <summary>Null for entries without an IP (bridge FDB-style entries in AF_BRIDGE dumps).</summary>
    internal static Neighbour? ParseNeighbour(NetlinkMessage message)
    {
        var header = message.Header<NdMsg>();
        var attrs = message.Attributes(NdMsgLength);
        var address = attrs.Address(Rtnl.Nda.Dst);
        return address is null ? null : new Neighbour(header.Index, address, attrs.Mac(Rtnl.Nda.LlAddr), (NeighbourState)header.State);
    }
}
