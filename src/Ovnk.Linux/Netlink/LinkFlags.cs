namespace Ovnk.Linux.Netlink;

/// <summary>The net_device flags rtnetlink reports in ifinfomsg.ifi_flags (linux/if.h, IFF_*).</summary>
[Flags]
#pragma warning disable CA1711 // "Flags" is the kernel's name for this field
public enum LinkFlags : uint
#pragma warning restore CA1711
{
    None = 0,
    Up = 0x1,
    Broadcast = 0x2,
    Loopback = 0x8,
    PointToPoint = 0x10,
    Running = 0x40,
    NoArp = 0x80,
    Promiscuous = 0x100,
    Multicast = 0x1000,
    LowerUp = 0x10000,
}
