using System.Buffers.Binary;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace Ovnk.Linux.Netlink;

/// <summary>
/// Builds one netlink message: nlmsghdr, a fixed header struct, then attributes (struct nlattr: u16 length, u16 type,
/// value, padded to 4 bytes; netlink(7), NLA_ALIGNTO). Nested attributes get their length when closed.
/// </summary>
internal sealed class NetlinkWriter
{
    private const int HeaderLength = 16;
    private byte[] buffer = new byte[256];
    private int length = HeaderLength;

    public NetlinkWriter(ushort type, ushort flags)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(4), type);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(6), flags);
    }

    /// <summary>Appends a fixed header (ifinfomsg, rtmsg, ...), as laid out in memory.</summary>
    public NetlinkWriter Struct<T>(T value) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(ref value, 1));
        Append(bytes);
        return this;
    }

    public NetlinkWriter Attr(ushort type, ReadOnlySpan<byte> value)
    {
        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)(4 + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], type);
        Append(header);
        Append(value);
        return this;
    }

    public NetlinkWriter U32(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return Attr(type, bytes);
    }

    /// <summary>A NUL-terminated string attribute (NLA_NUL_STRING / NLA_STRING both accept it).</summary>
    public NetlinkWriter String(ushort type, string value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return Attr(type, bytes);
    }

    public NetlinkWriter Address(ushort type, IPAddress address) => Attr(type, address.GetAddressBytes());

    /// <summary>Opens a nested attribute (NLA_F_NESTED is not required by rtnetlink); close it with <see cref="End"/>.</summary>
    public int Begin(ushort type)
    {
        var start = length;
        Attr(type, []);
        return start;
    }

    public NetlinkWriter End(int start)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(start), (ushort)(length - start));
        return this;
    }

    /// <summary>Sets nlmsg_len and nlmsg_seq and returns the finished message.</summary>
    public ReadOnlySpan<byte> Finish(uint sequence)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)length);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(8), sequence);
        return buffer.AsSpan(0, length);
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        var padded = (bytes.Length + 3) & ~3;
        if (length + padded > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + padded));
        }

        bytes.CopyTo(buffer.AsSpan(length));
        buffer.AsSpan(length + bytes.Length, padded - bytes.Length).Clear();
        length += padded;
    }
}
