using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Text;

namespace Ovnk.Linux.Netlink;

/// <summary>The attributes of one message (or one nested attribute), indexed by type; the first of a type wins.</summary>
internal sealed class AttributeSet
{
    // NLA_TYPE_MASK: the top two bits are the NLA_F_NESTED and NLA_F_NET_BYTEORDER flags.
    private const int TypeMask = 0x3fff;
    private readonly Dictionary<int, ReadOnlyMemory<byte>> values = [];

    private AttributeSet()
    {
    }

    public static AttributeSet Parse(ReadOnlyMemory<byte> data)
    {
        var set = new AttributeSet();
        var span = data.Span;
        var offset = 0;
        while (offset + 4 <= span.Length)
        {
            int length = BinaryPrimitives.ReadUInt16LittleEndian(span[offset..]);
            var type = BinaryPrimitives.ReadUInt16LittleEndian(span[(offset + 2)..]) & TypeMask;
            if (length < 4 || offset + length > span.Length)
            {
                break;
            }

            set.values.TryAdd(type, data.Slice(offset + 4, length - 4));
            offset += (length + 3) & ~3;
        }

        return set;
    }

    public bool Has(int type) => values.ContainsKey(type);

    public ReadOnlyMemory<byte>? Bytes(int type) => values.TryGetValue(type, out var v) ? v : null;

    public uint? U32(int type) =>
        values.TryGetValue(type, out var v) && v.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(v.Span) : null;

    public byte? U8(int type) => values.TryGetValue(type, out var v) && v.Length >= 1 ? v.Span[0] : null;

    public string? String(int type) =>
        values.TryGetValue(type, out var v) ? Encoding.UTF8.GetString(v.Span).TrimEnd('\0') : null;

    public AttributeSet? Nested(int type) => values.TryGetValue(type, out var v) ? Parse(v) : null;

    public IPAddress? Address(int type) =>
        values.TryGetValue(type, out var v) && v.Length is 4 or 16 ? new IPAddress(v.Span) : null;

    public PhysicalAddress? Mac(int type) =>
        values.TryGetValue(type, out var v) && v.Length > 0 ? new PhysicalAddress(v.ToArray()) : null;
}
