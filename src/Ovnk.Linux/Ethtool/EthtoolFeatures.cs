using System.Text;
using Ovnk.Linux.Native;
using Ovnk.Linux.Netlink;

namespace Ovnk.Linux.Ethtool;

/// <summary>
/// The ethtool ioctls Ovnk needs (linux/ethtool.h, SIOCETHTOOL). The request acts in the network namespace of the
/// socket, which is created on the calling thread: call inside NetNs.Run for another namespace. TX checksum offload
/// must be off on a pod's veth with the OVS userspace datapath (LAB-NOTES item 4).
/// </summary>
public static unsafe class EthtoolFeatures
{
    private const ulong SiocEthtool = 0x8946;
    private const uint GetTxChecksum = 0x16; // ETHTOOL_GTXCSUM
    private const uint SetTxChecksum = 0x17; // ETHTOOL_STXCSUM: the kernel maps it onto the NETIF_F_CSUM_MASK features
    private const int IfReqLength = 40;

    /// <summary>Whether TX checksum offload ("tx-checksumming" in `ethtool -k`) is on.</summary>
    public static bool GetTxChecksumming(string interfaceName) => Call(interfaceName, GetTxChecksum, 0, "get tx checksumming") != 0;

    /// <summary>Turns TX checksum offload on or off (`ethtool -K IFNAME tx on|off`).</summary>
    public static void SetTxChecksumming(string interfaceName, bool enabled) =>
        Call(interfaceName, SetTxChecksum, enabled ? 1u : 0u, enabled ? "enable tx checksumming" : "disable tx checksumming");

    private static uint Call(string interfaceName, uint command, uint data, string operation)
    {
        InterfaceName.Validate(interfaceName, operation);
        const int afInet = 2, sockDgram = 2, sockCloExec = 0x80000;
        var raw = Libc.Socket(afInet, sockDgram | sockCloExec, 0);
        if (raw < 0)
        {
            throw new SystemCallException(Libc.LastErrno(), operation, interfaceName, "cannot open the ioctl socket");
        }

        using var socket = new FileDescriptor(raw);

        // struct ethtool_value { u32 cmd; u32 data; } pointed to by struct ifreq's ifr_data (offset 16).
        var value = stackalloc uint[2];
        value[0] = command;
        value[1] = data;
        var request = stackalloc byte[IfReqLength];
        new Span<byte>(request, IfReqLength).Clear();
        Encoding.UTF8.GetBytes(interfaceName, new Span<byte>(request, 15));
        *(nint*)(request + 16) = (nint)value;
        if (Libc.Ioctl(socket.Fd, SiocEthtool, request) != 0)
        {
            throw new SystemCallException(Libc.LastErrno(), operation, interfaceName);
        }

        return value[1];
    }
}
