using System.Text;
using Ovnk.Linux.Namespaces;
using Ovnk.Linux.Native;
using Ovnk.Linux.Netlink;

namespace Ovnk.Linux.Ethtool;

/// <summary>
/// The socket the ethtool ioctls (linux/ethtool.h, SIOCETHTOOL) go through. A request acts in the network namespace
/// the socket was created in, whatever thread later uses it: open it inside a namespace once (e.g. in the same
/// <see cref="NetNs.Run{T}"/> that opens a netlink socket there) and use it from anywhere.
/// </summary>
public sealed unsafe class EthtoolSocket : IDisposable
{
    private const ulong SiocEthtool = 0x8946;
    private const uint GetTxChecksum = 0x16; // ETHTOOL_GTXCSUM
    private const uint SetTxChecksum = 0x17; // ETHTOOL_STXCSUM: the kernel maps it onto the NETIF_F_CSUM_MASK features
    private const int IfReqLength = 40;

    private readonly FileDescriptor socket;

    private EthtoolSocket(FileDescriptor socket) => this.socket = socket;

    /// <summary>Opens the socket in the calling thread's network namespace.</summary>
    public static EthtoolSocket Open()
    {
        const int afInet = 2, sockDgram = 2, sockCloExec = 0x80000;
        var raw = Libc.Socket(afInet, sockDgram | sockCloExec, 0);
        if (raw < 0)
        {
            throw new SystemCallException(Libc.LastErrno(), "open the ethtool socket", "", "cannot open the ioctl socket");
        }

        return new EthtoolSocket(new FileDescriptor(raw));
    }

    /// <summary>Opens the socket inside the network namespace file <paramref name="netNsPath"/>.</summary>
    public static EthtoolSocket Open(string netNsPath) => NetNs.Run(netNsPath, Open);

    /// <summary>Whether TX checksum offload ("tx-checksumming" in `ethtool -k`) is on.</summary>
    public bool GetTxChecksumming(string interfaceName) => Call(interfaceName, GetTxChecksum, 0, "get tx checksumming") != 0;

    /// <summary>Turns TX checksum offload on or off (`ethtool -K IFNAME tx on|off`).</summary>
    public void SetTxChecksumming(string interfaceName, bool enabled) =>
        Call(interfaceName, SetTxChecksum, enabled ? 1u : 0u, enabled ? "enable tx checksumming" : "disable tx checksumming");

    public void Dispose() => socket.Dispose();

    private uint Call(string interfaceName, uint command, uint data, string operation)
    {
        InterfaceName.Validate(interfaceName, operation);

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
