using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Ovnk.Model.Addressing;

/// <summary>IPv4 arithmetic on host-order integers (the allocators count addresses, not bytes).</summary>
public static class IpMath
{
    /// <summary>The address as a host-order integer; the address must be IPv4.</summary>
    public static uint ToUInt32(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetwork)
            throw new ArgumentException($"{address} is not an IPv4 address; IPv6 allocation is not implemented yet.", nameof(address));
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    /// <summary>The IPv4 address for a host-order integer.</summary>
    public static IPAddress FromUInt32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    /// <summary>The number of addresses in an IPv4 network (2^(32-prefix)).</summary>
    public static ulong Size(IPNetwork network) => 1UL << (32 - network.PrefixLength);

    /// <summary>The address <paramref name="offset"/> positions after the network's base address.</summary>
    public static IPAddress Offset(IPNetwork network, ulong offset) =>
        FromUInt32((uint)(ToUInt32(network.BaseAddress) + offset));

    /// <summary>The position of <paramref name="address"/> inside <paramref name="network"/>.</summary>
    public static ulong OffsetOf(IPNetwork network, IPAddress address) =>
        ToUInt32(address) - ToUInt32(network.BaseAddress);

    /// <summary>True when both are IPv4 and the address lies inside the network.</summary>
    public static bool ContainsV4(IPNetwork network, IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork
        && network.BaseAddress.AddressFamily == AddressFamily.InterNetwork
        && network.Contains(address);
}
