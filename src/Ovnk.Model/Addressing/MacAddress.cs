using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Ovnk.Model.Addressing;

/// <summary>An Ethernet MAC address, printed lower-case with colons as OVN and upstream write it.</summary>
public readonly record struct MacAddress(ulong Value)
{
    /// <summary>
    /// Upstream's OVN-side MAC for an IP (<c>util.IPAddrToHWAddr</c>): <c>0a:58:</c> and the four IPv4 bytes; for IPv6,
    /// <c>0a:58:</c> and the first four bytes of SHA-256 over the address text.
    /// </summary>
    public static MacAddress ForIp(IPAddress ip)
    {
        ArgumentNullException.ThrowIfNull(ip);
        Span<byte> tail = stackalloc byte[4];
        if (ip.AddressFamily == AddressFamily.InterNetwork)
            ip.TryWriteBytes(tail, out _);
        else
            SHA256.HashData(Encoding.ASCII.GetBytes(ip.ToString())).AsSpan(0, 4).CopyTo(tail);
        ulong value = 0x0A58UL << 32;
        for (var i = 0; i < 4; i++) value |= (ulong)tail[i] << (8 * (3 - i));
        return new MacAddress(value);
    }

    /// <summary>Parses "aa:bb:cc:dd:ee:ff" (either case); false on anything else.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out MacAddress? mac)
    {
        mac = null;
        if (text is null || text.Length != 17) return false;
        ulong value = 0;
        for (var i = 0; i < 6; i++)
        {
            if (i > 0 && text[(i * 3) - 1] != ':') return false;
            if (!byte.TryParse(text.AsSpan(i * 3, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                return false;
            value = (value << 8) | b;
        }
        mac = new MacAddress(value);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder(17);
        for (var i = 5; i >= 0; i--)
        {
            sb.Append(((byte)(Value >> (8 * i))).ToString("x2", CultureInfo.InvariantCulture));
            if (i > 0) sb.Append(':');
        }
        return sb.ToString();
    }
}
