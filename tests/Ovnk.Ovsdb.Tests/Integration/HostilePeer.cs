using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ovnk.Ovsdb.Tests.Integration;

/// <summary>
/// A loopback TCP peer that misbehaves on purpose (malformed JSON, oversized or truncated messages): the bad-input
/// cases no real ovsdb-server produces on demand. It answers the first request it reads with <c>respond</c>.
/// </summary>
internal sealed class HostilePeer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _serve;

    public HostilePeer(Func<string, string> respond, bool closeAfter = true)
    {
        _listener.Start();
        _serve = ServeAsync(respond, closeAfter);
    }

    public string Remote => $"tcp:127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Everything the client sent.</summary>
    public StringBuilder Received { get; } = new();

    private async Task ServeAsync(Func<string, string> respond, bool closeAfter)
    {
        using var cts = new CancellationTokenSource(Nb.Timeout);
        using var socket = await _listener.AcceptSocketAsync(cts.Token);
        var buffer = new byte[65536];
        var n = await socket.ReceiveAsync(buffer, cts.Token);
        lock (Received)
            Received.Append(Encoding.UTF8.GetString(buffer, 0, n));
        await socket.SendAsync(Encoding.UTF8.GetBytes(respond(Received.ToString())), cts.Token);
        if (!closeAfter)
        {
            n = await socket.ReceiveAsync(buffer, cts.Token);
            lock (Received)
                Received.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }
        socket.Shutdown(SocketShutdown.Both);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _serve;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The test may end before the peer's script does.
        }
    }
}
