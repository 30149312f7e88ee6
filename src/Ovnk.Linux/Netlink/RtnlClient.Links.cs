using System.Net.NetworkInformation;
using System.Runtime.InteropServices;
using Ovnk.Linux.Namespaces;
using static Ovnk.Linux.Netlink.Headers;

namespace Ovnk.Linux.Netlink;

public sealed partial class RtnlClient
{
    private static readonly int IfInfoLength = Marshal.SizeOf<IfInfoMsg>();

    /// <summary>Creates a veth pair; the peer is created directly in <see cref="VethSpec.PeerNetNsPath"/>.</summary>
    public void CreateVeth(VethSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        const string operation = "create veth";
        InterfaceName.Validate(spec.Name, operation);
        InterfaceName.Validate(spec.PeerName, operation);
        var what = Where($"{spec.Name} (peer {spec.PeerName}{(spec.PeerNetNsPath is null ? "" : " in " + spec.PeerNetNsPath)})");
        using var peerNs = spec.PeerNetNsPath is null ? null : NamespaceHandle.Open(spec.PeerNetNsPath, NamespaceKind.Network);

        var w = NewLinkMessage(Rtnl.Msg.FCreate | Rtnl.Msg.FExcl, index: 0, spec.Name, spec.Mtu, spec.Mac);
        var info = w.Begin(Rtnl.Ifla.LinkInfo);
        w.String(Rtnl.Ifla.InfoKind, "veth");
        var data = w.Begin(Rtnl.Ifla.InfoData);
        var peer = w.Begin(Rtnl.Ifla.VethInfoPeer);
        w.Struct(new IfInfoMsg()).String(Rtnl.Ifla.IfName, spec.PeerName);
        if (peerNs is not null) w.U32(Rtnl.Ifla.NetNsFd, (uint)peerNs.Fd);
        if (spec.Mtu is { } mtu) w.U32(Rtnl.Ifla.Mtu, (uint)mtu);
        if (spec.PeerMac is { } peerMac) w.Attr(Rtnl.Ifla.Address, peerMac.GetAddressBytes());
        w.End(peer).End(data).End(info);
        socket.Request(w, operation, what);
    }

    /// <summary>Creates a link of a kind that needs no extra data ("bridge", "dummy").</summary>
    public void CreateLink(string name, string kind, int? mtu = null, PhysicalAddress? mac = null)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var operation = $"create {kind}";
        InterfaceName.Validate(name, operation);
        var w = NewLinkMessage(Rtnl.Msg.FCreate | Rtnl.Msg.FExcl, index: 0, name, mtu, mac);
        var info = w.Begin(Rtnl.Ifla.LinkInfo);
        w.String(Rtnl.Ifla.InfoKind, kind).End(info);
        socket.Request(w, operation, Where(name));
    }

    /// <summary>Sets the link administratively up or down (IFF_UP).</summary>
    public void SetUp(string name, bool up)
    {
        var message = new IfInfoMsg { Flags = up ? (uint)LinkFlags.Up : 0, Change = (uint)LinkFlags.Up };
        var w = new NetlinkWriter(Rtnl.Rtm.NewLink, Rtnl.Msg.FRequest | Rtnl.Msg.FAck).Struct(message);
        w.String(Rtnl.Ifla.IfName, name);
        socket.Request(w, up ? "set link up" : "set link down", Where(name));
    }

    public void SetMtu(string name, int mtu) =>
        socket.Request(NewLinkMessage(0, 0, name, mtu, null), "set link mtu", Where($"{name} mtu {mtu}"));

    public void SetMac(string name, PhysicalAddress mac) =>
        socket.Request(NewLinkMessage(0, 0, name, null, mac), "set link address", Where($"{name} address {mac}"));

    /// <summary>Enslaves a link to a bridge (IFLA_MASTER), as `ip link set NAME master BRIDGE`.</summary>
    public void SetMaster(string name, string master)
    {
        var masterIndex = RequireLink(master, "set link master").Index;
        var w = NewLinkMessage(0, 0, name, null, null);
        w.U32(Rtnl.Ifla.Master, (uint)masterIndex);
        socket.Request(w, "set link master", Where($"{name} master {master}"));
    }

    /// <summary>Renames a link; the kernel refuses (EBUSY) while it is up, so set it down first.</summary>
    public void Rename(string name, string newName)
    {
        InterfaceName.Validate(newName, "rename link");
        var index = RequireLink(name, "rename link").Index;
        socket.Request(NewLinkMessage(0, index, newName, null, null), "rename link", Where($"{name} to {newName}"));
    }

    /// <summary>Deletes a link (for a veth, both ends go).</summary>
    public void DeleteLink(string name)
    {
        var w = new NetlinkWriter(Rtnl.Rtm.DelLink, Rtnl.Msg.FRequest | Rtnl.Msg.FAck).Struct(new IfInfoMsg());
        w.String(Rtnl.Ifla.IfName, name);
        socket.Request(w, "delete link", Where(name));
    }

    /// <summary>The link named <paramref name="name"/>, or null when there is none (ENODEV).</summary>
    public Link? GetLink(string name)
    {
        InterfaceName.Validate(name, "get link");
        var w = new NetlinkWriter(Rtnl.Rtm.GetLink, Rtnl.Msg.FRequest | Rtnl.Msg.FAck).Struct(new IfInfoMsg());
        w.String(Rtnl.Ifla.IfName, name);
        return GetLinkOrNull(w, name);
    }

    /// <summary>The link with index <paramref name="index"/>, or null when there is none.</summary>
    public Link? GetLink(int index)
    {
        var w = new NetlinkWriter(Rtnl.Rtm.GetLink, Rtnl.Msg.FRequest | Rtnl.Msg.FAck).Struct(new IfInfoMsg { Index = index });
        return GetLinkOrNull(w, $"#{index}");
    }

    public IReadOnlyList<Link> ListLinks() =>
        socket.Dump(() => new NetlinkWriter(Rtnl.Rtm.GetLink, Rtnl.Msg.FRequest | Rtnl.Msg.FDump).Struct(new IfInfoMsg()), "list links")
            .Where(m => m.Type == Rtnl.Rtm.NewLink)
            .Select(ParseLink)
            .ToList();

    private Link RequireLink(string name, string operation) =>
        GetLink(name) ?? throw new NetlinkException(Errno.ENODEV, operation, Where(name), "no such interface");

    private Link? GetLinkOrNull(NetlinkWriter request, string what)
    {
        try
        {
            return socket.Request(request, "get link", Where(what)).Where(m => m.Type == Rtnl.Rtm.NewLink).Select(ParseLink).FirstOrDefault();
        }
        catch (NetlinkException e) when (e.Errno == Errno.ENODEV)
        {
            return null;
        }
    }

    private static NetlinkWriter NewLinkMessage(ushort createFlags, int index, string name, int? mtu, PhysicalAddress? mac)
    {
        var w = new NetlinkWriter(Rtnl.Rtm.NewLink, (ushort)(Rtnl.Msg.FRequest | Rtnl.Msg.FAck | createFlags));
        w.Struct(new IfInfoMsg { Index = index }).String(Rtnl.Ifla.IfName, name);
        if (mtu is { } m) w.U32(Rtnl.Ifla.Mtu, (uint)m);
        if (mac is not null) w.Attr(Rtnl.Ifla.Address, mac.GetAddressBytes());
        return w;
    }

    internal static Link ParseLink(NetlinkMessage message)
    {
        var header = message.Header<IfInfoMsg>();
        var attrs = message.Attributes(IfInfoLength);
        return new Link(
            header.Index,
            attrs.String(Rtnl.Ifla.IfName) ?? "",
            attrs.Nested(Rtnl.Ifla.LinkInfo)?.String(Rtnl.Ifla.InfoKind),
            (int)(attrs.U32(Rtnl.Ifla.Mtu) ?? 0),
            attrs.Mac(Rtnl.Ifla.Address),
            (LinkFlags)header.Flags,
            (int?)attrs.U32(Rtnl.Ifla.Link),
            (int?)attrs.U32(Rtnl.Ifla.Master));
    }
}
