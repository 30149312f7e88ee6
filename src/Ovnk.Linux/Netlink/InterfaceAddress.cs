using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ovnk.Linux.Netlink;

/// <summary>
/// An address on an interface with its prefix length ("10.244.0.2/24"): unlike <see cref="IPNetwork"/>, the host
/// bits are kept.
/// </summary>
public readonly record struct InterfaceAddress
{
    public InterfaceAddress(IPAddress address, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(address);
        var max = address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, max);
        Address = address;
        PrefixLength = prefixLength;
    }

    public IPAddress Address { get; }

    public int PrefixLength { get; }

    public bool IsIPv6 => Address.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>The subnet the address sits in, e.g. 10.244.0.0/24.</summary>
    public IPNetwork Network => IPNetworkOf(Address, PrefixLength);

    public static InterfaceAddress Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not an address/prefix such as 10.0.0.1/24");

    public static bool TryParse([NotNullWhen(true)] string? text, out InterfaceAddress value)
    {
        value = default;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (text is null || slash < 0 || !IPAddress.TryParse(text.AsSpan(0, slash), out var address)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
            || prefix > (address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32))
        {
            return false;
        }

        value = new InterfaceAddress(address, prefix);
        return true;
    }

    public override string ToString() => $"{Address}/{PrefixLength}";

    internal static IPNetwork IPNetworkOf(IPAddress address, int prefixLength)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPNetwork(new IPAddress(bytes), prefixLength);
    }
}
