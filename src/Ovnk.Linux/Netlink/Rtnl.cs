namespace Ovnk.Linux.Netlink;

/// <summary>
/// The rtnetlink wire constants Ovnk uses (linux/netlink.h, linux/rtnetlink.h, linux/if_link.h, linux/if_addr.h,
/// linux/neighbour.h, linux/veth.h), grouped by header.
/// </summary>
internal static class Rtnl
{
    public const int AfNetlink = 16;
    public const int NetlinkRoute = 0;
    public const int SolNetlink = 270;
    public const int NetlinkCapAck = 10;
    public const int NetlinkExtAck = 11;

    public const byte AfUnspec = 0;
    public const byte AfInet = 2;
    public const byte AfInet6 = 10;

    /// <summary>nlmsghdr types and flags (netlink.h).</summary>
    public static class Msg
    {
        public const ushort Error = 2;
        public const ushort Done = 3;
        public const ushort FRequest = 0x1;
        public const ushort FMulti = 0x2;
        public const ushort FAck = 0x4;
        public const ushort FDumpIntr = 0x10;
        public const ushort FRoot = 0x100;
        public const ushort FMatch = 0x200;
        public const ushort FDump = FRoot | FMatch;
        public const ushort FReplace = 0x100;
        public const ushort FExcl = 0x200;
        public const ushort FCreate = 0x400;
        public const ushort FCapped = 0x100;
        public const ushort FAckTlvs = 0x200;
        public const ushort ErrAttrMsg = 1;
    }

    /// <summary>RTM_* message types (rtnetlink.h).</summary>
    public static class Rtm
    {
        public const ushort NewLink = 16;
        public const ushort DelLink = 17;
        public const ushort GetLink = 18;
        public const ushort NewAddr = 20;
        public const ushort DelAddr = 21;
        public const ushort GetAddr = 22;
        public const ushort NewRoute = 24;
        public const ushort DelRoute = 25;
        public const ushort GetRoute = 26;
        public const ushort NewNeigh = 28;
        public const ushort DelNeigh = 29;
        public const ushort GetNeigh = 30;
    }

    /// <summary>IFLA_* link attributes (if_link.h).</summary>
    public static class Ifla
    {
        public const ushort Address = 1;
        public const ushort IfName = 3;
        public const ushort Mtu = 4;
        public const ushort Link = 5;
        public const ushort Master = 10;
        public const ushort OperState = 16;
        public const ushort LinkInfo = 18;
        public const ushort NetNsFd = 28;
        public const ushort InfoKind = 1;
        public const ushort InfoData = 2;
        public const ushort VethInfoPeer = 1;
    }

    /// <summary>IFA_* address attributes (if_addr.h).</summary>
    public static class Ifa
    {
        public const ushort Address = 1;
        public const ushort Local = 2;
        public const ushort Label = 3;
        public const ushort Flags = 8;
        public const uint FNoDad = 0x02;
    }

    /// <summary>RTA_* route attributes and RT_* values (rtnetlink.h).</summary>
    public static class Rta
    {
        public const ushort Dst = 1;
        public const ushort Oif = 4;
        public const ushort Gateway = 5;
        public const ushort Priority = 6;
        public const ushort PrefSrc = 7;
        public const ushort Table = 15;
        public const byte TableUnspec = 0;
    }

    /// <summary>NDA_* neighbour attributes and NUD_* states (neighbour.h).</summary>
    public static class Nda
    {
        public const ushort Dst = 1;
        public const ushort LlAddr = 2;
    }
}
