namespace Ovnk.Linux.Netlink;

/// <summary>One received netlink message: its type and flags and a copy of its payload (after nlmsghdr).</summary>
internal readonly record struct NetlinkMessage(ushort Type, ushort Flags, ReadOnlyMemory<byte> Payload)
{
    /// <summary>The attributes after a fixed header of <paramref name="headerLength"/> bytes (NLMSG_ALIGNed).</summary>
    public AttributeSet Attributes(int headerLength) =>
        AttributeSet.Parse(Payload.Length > headerLength ? Payload[((headerLength + 3) & ~3)..] : ReadOnlyMemory<byte>.Empty);

    public T Header<T>() where T : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.Read<T>(Payload.Span);
}
