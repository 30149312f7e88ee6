using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Ovnk.Model.Addressing;

/// <summary>
/// An address with its prefix length, as on an interface or in an annotation ("10.244.1.5/24"): unlike
/// <see cref="IPNetwork"/>, the host bits are kept. Go's <c>net.IPNet</c> from <c>ParseCIDR</c>'s first result plays
/// this role upstream.
/// </summary>
public readonly record struct InterfaceAddress(IPAddress Address, int PrefixLength)
{
    /// <summary>The network this address lies in (host bits cleared).</summary>
    public IPNetwork Network => new(Mask(Address, PrefixLength), PrefixLength);

    /// <summary>Parses "a.b.c.d/n" or "x::y/n"; false on anything else (no exception on user data).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out InterfaceAddress? result)
    {
        result = null;
        if (string.IsNullOrEmpty(text)) return false;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !IPAddress.TryParse(text.AsSpan(0, slash), out var address)) return false;
        if (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)) return false;
        var max = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        if (prefix > max || address.ToString().Contains('%', StringComparison.Ordinal)) return false;
        result = new InterfaceAddress(address, prefix);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Address}/{PrefixLength.ToString(CultureInfo.InvariantCulture)}";

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPAddress(bytes);
    }
}
