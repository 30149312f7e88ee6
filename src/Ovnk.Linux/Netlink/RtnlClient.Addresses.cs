using System.Net.Sockets;
using System.Runtime.InteropServices;
using static Ovnk.Linux.Netlink.Headers;

namespace Ovnk.Linux.Netlink;

public sealed partial class RtnlClient
{
    private static readonly int IfAddrLength = Marshal.SizeOf<IfAddrMsg>();

    /// <summary>
    /// Adds <paramref name="address"/> to the link (EEXIST if present). <paramref name="skipDad"/> sets IFA_F_NODAD so
    /// an IPv6 address is usable at once instead of tentative for the duplicate-address-detection delay (RFC 4862 §5.4).
    /// </summary>
    public void AddAddress(string link, InterfaceAddress address, bool skipDad = false)
    {
        var w = AddressMessage(Rtnl.Rtm.NewAddr, Rtnl.Msg.FCreate | Rtnl.Msg.FExcl, link, address, "add address");
        if (skipDad) w.U32(Rtnl.Ifa.Flags, Rtnl.Ifa.FNoDad);
        socket.Request(w, "add address", Where($"{address} on {link}"));
    }

    /// <summary>Removes <paramref name="address"/> from the link (EADDRNOTAVAIL if absent).</summary>
    public void DeleteAddress(string link, InterfaceAddress address) =>
        socket.Request(AddressMessage(Rtnl.Rtm.DelAddr, 0, link, address, "delete address"), "delete address", Where($"{address} on {link}"));

    /// <summary>Every address in the namespace, or those of one family.</summary>
    public IReadOnlyList<AddressEntry> ListAddresses(AddressFamily? family = null)
    {
        var request = () => new NetlinkWriter(Rtnl.Rtm.GetAddr, Rtnl.Msg.FRequest | Rtnl.Msg.FDump)
            .Struct(new IfAddrMsg { Family = FamilyByte(family) });
        return socket.Dump(request, "list addresses")
            .Where(m => m.Type == Rtnl.Rtm.NewAddr)
            .Select(ParseAddress)
            .Where(a => family is null || a.Address.Address.AddressFamily == family)
            .ToList();
    }

    /// <summary>The addresses on one link.</summary>
    public IReadOnlyList<AddressEntry> ListAddresses(string link, AddressFamily? family = null)
    {
        var index = RequireLink(link, "list addresses").Index;
        return ListAddresses(family).Where(a => a.LinkIndex == index).ToList();
    }

    private NetlinkWriter AddressMessage(ushort type, ushort createFlags, string link, InterfaceAddress address, string operation)
    {
        var index = RequireLink(link, operation).Index;
        var header = new IfAddrMsg
        {
            Family = address.IsIPv6 ? Rtnl.AfInet6 : Rtnl.AfInet,
            PrefixLength = (byte)address.PrefixLength,
            Index = index,
        };
        var w = new NetlinkWriter(type, (ushort)(Rtnl.Msg.FRequest | Rtnl.Msg.FAck | createFlags)).Struct(header);

        // IFA_LOCAL is the interface's own address; IFA_ADDRESS the same unless point-to-point (rtnetlink(7)).
        return w.Address(Rtnl.Ifa.Local, address.Address).Address(Rtnl.Ifa.Address, address.Address);
    }

    internal static AddressEntry ParseAddress(NetlinkMessage message)
    {
        var header = message.Header<IfAddrMsg>();
        var attrs = message.Attributes(IfAddrLength);
        var ip = attrs.Address(Rtnl.Ifa.Local) ?? attrs.Address(Rtnl.Ifa.Address)
            ?? throw new NetlinkException(Errno.EIO, "list addresses", $"#{header.Index}", "an address message without IFA_ADDRESS");
        return new AddressEntry(header.Index, new InterfaceAddress(ip, header.PrefixLength), (RouteScope)header.Scope, attrs.String(Rtnl.Ifa.Label));
    }

    private static byte FamilyByte(AddressFamily? family) => family switch
    {
        null => Rtnl.AfUnspec,
        AddressFamily.InterNetwork => Rtnl.AfInet,
        AddressFamily.InterNetworkV6 => Rtnl.AfInet6,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "only IPv4 and IPv6"),
    };
}
