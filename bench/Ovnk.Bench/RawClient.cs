using System.Diagnostics;
using System.Net.Sockets;

namespace Ovnk.Bench;

/// <summary>
/// The floor: the least a client can do. Requests are serialized before the clock starts; one loop sends the first
/// window of requests in one <c>send</c>, then for every reply it counts (<see cref="ReplyScanner"/>, no JSON parsing)
/// sends the next request, batching all the replies one <c>recv</c> brought into one <c>send</c>. The monitor's
/// updates are read and discarded. A <c>monitor_cond</c> on the written tables is set up first so the server does the
/// same work for every client.
/// </summary>
internal static class RawClient
{
    private static readonly byte[] MonitorRequest =
        "{\"id\":0,\"method\":\"monitor_cond\",\"params\":[\"OVN_Northbound\",\"raw\",{\"Logical_Switch\":[{}],\"Logical_Switch_Port\":[{}]}]}"u8.ToArray();

    /// <summary>Runs the workload with <paramref name="window"/> transactions in flight; returns the elapsed and CPU time.</summary>
    public static async Task<(TimeSpan Elapsed, TimeSpan Cpu)> RunAsync(string socketPath, TxnWorkload workload, int window,
        CancellationToken cancellationToken)
    {
        var (bytes, offsets) = workload.RawRequests();
        var count = workload.Count;
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
        var buffer = new byte[1 << 20];
        var scanner = new ReplyScanner();
        await socket.SendAsync(MonitorRequest, cancellationToken);
        if (await ReceiveRepliesAsync(socket, buffer, scanner, cancellationToken) != 1)
            throw new InvalidOperationException("the raw client expected only the monitor's reply first");

        var cpu = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        var sent = Math.Min(window, count);
        await socket.SendAsync(bytes.AsMemory(0, offsets[sent]), cancellationToken);
        var done = 0;
        while (done < count)
        {
            var k = await ReceiveRepliesAsync(socket, buffer, scanner, cancellationToken);
            done += k;
            var more = Math.Min(k, count - sent);
            if (more > 0)
            {
                await socket.SendAsync(bytes.AsMemory(offsets[sent], offsets[sent + more] - offsets[sent]), cancellationToken);
                sent += more;
            }
        }
        return (clock.Elapsed, Environment.CpuUsage.TotalTime - cpu);
    }

    /// <summary>
    /// The initial-load floor: a <c>monitor_cond</c> of <paramref name="table"/> whose reply is read and framed by
    /// brace depth only (no parsing); returns the time from request to the reply's last byte.
    /// </summary>
    public static async Task<TimeSpan> LoadAsync(string socketPath, string table, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
        var buffer = new byte[1 << 20];
        var scanner = new MessageEndScanner();
        var clock = Stopwatch.StartNew();
        await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes(
            $"{{\"id\":1,\"method\":\"monitor_cond\",\"params\":[\"OVN_Northbound\",\"raw\",{{\"{table}\":[{{}}]}}]}}"), cancellationToken);
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer, cancellationToken);
            if (n == 0)
                throw new IOException("ovsdb-server closed the raw benchmark client's connection during the initial load");
            if (scanner.Scan(buffer.AsSpan(0, n)))
                return clock.Elapsed;
        }
    }

    /// <summary>Reads until at least one reply has arrived; returns how many did.</summary>
    private static async Task<int> ReceiveRepliesAsync(Socket socket, byte[] buffer, ReplyScanner scanner,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer, cancellationToken);
            if (n == 0)
                throw new IOException("ovsdb-server closed the raw benchmark client's connection");
            if (scanner.Scan(buffer.AsSpan(0, n)) is var k and > 0)
                return k;
        }
    }
}
