using System.Buffers.Binary;
using Ovnk.Linux.Native;

namespace Ovnk.Linux.Netlink;

/// <summary>
/// A NETLINK_ROUTE socket (netlink(7), rtnetlink(7)) that sends one request at a time and collects its answer:
/// data messages, then an ACK (NLMSG_ERROR with error 0) or NLMSG_DONE for dumps. A socket belongs to the network
/// namespace it was created in, whatever thread uses it later.
/// </summary>
internal sealed unsafe class NetlinkSocket : IDisposable
{
    // Dumps come in messages of up to 32 KiB (netlink_dump's max_recvmsg_len cap); 64 KiB never truncates.
    private const int ReceiveBufferLength = 64 * 1024;
    private const int MsgTrunc = 0x20;
    private const int MaxDumpAttempts = 3;
    private readonly FileDescriptor fd;
    private readonly byte[] receiveBuffer = new byte[ReceiveBufferLength];
    private readonly Lock gate = new();
    private uint sequence;

    private NetlinkSocket(FileDescriptor fd) => this.fd = fd;

    /// <summary>Opens a socket in the calling thread's network namespace.</summary>
    public static NetlinkSocket Open()
    {
        const int sockRaw = 3, sockCloExec = 0x80000;
        var raw = Libc.Socket(Rtnl.AfNetlink, sockRaw | sockCloExec, Rtnl.NetlinkRoute);
        if (raw < 0)
        {
            throw new NetlinkException(Libc.LastErrno(), "open netlink socket", "NETLINK_ROUTE");
        }

        var socket = new NetlinkSocket(new FileDescriptor(raw));
        var one = 1;
        // Extended acks carry the kernel's own error text; capped acks do not echo our request back.
        _ = Libc.SetSockOpt(raw, Rtnl.SolNetlink, Rtnl.NetlinkExtAck, &one, sizeof(int));
        _ = Libc.SetSockOpt(raw, Rtnl.SolNetlink, Rtnl.NetlinkCapAck, &one, sizeof(int));
        var address = stackalloc byte[12];
        new Span<byte>(address, 12).Clear();
        address[0] = Rtnl.AfNetlink;
        if (Libc.Bind(raw, address, 12) != 0)
        {
            var errno = Libc.LastErrno();
            socket.Dispose();
            throw new NetlinkException(errno, "bind netlink socket", "NETLINK_ROUTE");
        }

        return socket;
    }

    /// <summary>Sends a request with NLM_F_ACK and returns the data messages answered before the ACK.</summary>
    public List<NetlinkMessage> Request(NetlinkWriter request, string operation, string? objectName)
    {
        lock (gate)
        {
            var seq = ++sequence;
            Send(request.Finish(seq), operation, objectName);
            return Collect(seq, operation, objectName, out _);
        }
    }

    /// <summary>Sends an NLM_F_DUMP request and returns every message, retrying a dump the kernel marked inconsistent.</summary>
    public List<NetlinkMessage> Dump(Func<NetlinkWriter> request, string operation)
    {
        lock (gate)
        {
            for (var attempt = 1; ; attempt++)
            {
                var seq = ++sequence;
                Send(request().Finish(seq), operation, null);
                var messages = Collect(seq, operation, null, out var interrupted);
                if (!interrupted || attempt == MaxDumpAttempts)
                {
                    return messages;
                }
            }
        }
    }

    public void Dispose() => fd.Dispose();

    private void Send(ReadOnlySpan<byte> message, string operation, string? objectName)
    {
        fixed (byte* p = message)
        {
            if (Libc.Send(fd.Fd, p, (nuint)message.Length, 0) != message.Length)
            {
                throw new NetlinkException(Libc.LastErrno(), operation, objectName, "sending the netlink request failed");
            }
        }
    }

    private List<NetlinkMessage> Collect(uint seq, string operation, string? objectName, out bool interrupted)
    {
        var result = new List<NetlinkMessage>();
        interrupted = false;
        while (true)
        {
            var received = Receive(operation, objectName);
            for (var offset = 0; offset + 16 <= received;)
            {
                var span = receiveBuffer.AsSpan(offset, received - offset);
                var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(span);
                if (length < 16 || length > span.Length)
                {
                    throw new NetlinkException(Errno.EIO, operation, objectName, "malformed netlink answer");
                }

                offset += (length + 3) & ~3;
                if (BinaryPrimitives.ReadUInt32LittleEndian(span[8..]) != seq)
                {
                    continue; // an answer to an earlier request that was abandoned
                }

                var message = new NetlinkMessage(
                    BinaryPrimitives.ReadUInt16LittleEndian(span[4..]),
                    BinaryPrimitives.ReadUInt16LittleEndian(span[6..]),
                    span[16..length].ToArray());
                interrupted |= (message.Flags & Rtnl.Msg.FDumpIntr) != 0;
                if (IsLast(message, operation, objectName))
                {
                    return result;
                }

                result.Add(message);
            }
        }
    }

    /// <summary>NLMSG_DONE ends a dump; NLMSG_ERROR ends a request (error 0 is the ACK, anything else throws).</summary>
    private static bool IsLast(NetlinkMessage message, string operation, string? objectName)
    {
        if (message.Type == Rtnl.Msg.Error)
        {
            ThrowIfError(message.Payload.ToArray(), message.Flags, operation, objectName);
            return true;
        }

        if (message.Type != Rtnl.Msg.Done)
        {
            return false;
        }

        // A dump that failed part-way ends with NLMSG_DONE carrying a negative errno.
        var status = message.Payload.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(message.Payload.Span) : 0;
        return status >= 0 ? true : throw new NetlinkException((Errno)(-status), operation, objectName, "the dump failed");
    }

    private int Receive(string operation, string? objectName)
    {
        while (true)
        {
            fixed (byte* p = receiveBuffer)
            {
                var n = (int)Libc.Recv(fd.Fd, p, (nuint)receiveBuffer.Length, MsgTrunc);
                if (n >= 0)
                {
                    return n <= receiveBuffer.Length
                        ? n
                        : throw new NetlinkException(Errno.EMSGSIZE, operation, objectName, $"a {n}-byte answer was truncated");
                }

                var errno = Libc.LastErrno();
                if (errno != Errno.EINTR)
                {
                    throw new NetlinkException(errno, operation, objectName, "receiving the netlink answer failed");
                }
            }
        }
    }

    /// <summary>struct nlmsgerr: int error, then the request's nlmsghdr (capped), then NLMSGERR_ATTR_* TLVs.</summary>
    private static void ThrowIfError(byte[] payload, ushort flags, string operation, string? objectName)
    {
        var error = BinaryPrimitives.ReadInt32LittleEndian(payload);
        if (error == 0)
        {
            return;
        }

        string? text = null;
        if ((flags & Rtnl.Msg.FAckTlvs) != 0)
        {
            var echoed = (flags & Rtnl.Msg.FCapped) != 0 ? 16 : (int)BinaryPrimitives.ReadUInt32LittleEndian(payload.AsSpan(4));
            var start = 4 + ((echoed + 3) & ~3);
            if (start < payload.Length)
            {
                text = AttributeSet.Parse(payload.AsMemory(start)).String(Rtnl.Msg.ErrAttrMsg);
            }
        }

        throw new NetlinkException((Errno)(-error), operation, objectName, text);
    }
}
