using System.Runtime.InteropServices;

namespace Ovnk.Linux.Netlink;

/// <summary>The fixed headers that follow nlmsghdr in rtnetlink messages (layouts from the kernel's uapi headers).</summary>
internal static class Headers
{
    /// <summary>struct ifinfomsg (16 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IfInfoMsg
    {
        public byte Family;
        public byte Pad;
        public ushort Type;
        public int Index;
        public uint Flags;
        public uint Change;
    }

    /// <summary>struct ifaddrmsg (8 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IfAddrMsg
    {
        public byte Family;
        public byte PrefixLength;
        public byte Flags;
        public byte Scope;
        public int Index;
    }

    /// <summary>struct rtmsg (12 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct RtMsg
    {
        public byte Family;
        public byte DstLength;
        public byte SrcLength;
        public byte Tos;
        public byte Table;
        public byte Protocol;
        public byte Scope;
        public byte Type;
        public uint Flags;
    }

    /// <summary>struct ndmsg (12 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct NdMsg
    {
        public byte Family;
        public byte Pad1;
        public ushort Pad2;
        public int Index;
        public ushort State;
        public byte Flags;
        public byte Type;
    }
}
