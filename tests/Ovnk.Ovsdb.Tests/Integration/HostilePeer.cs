using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ovnk.Ovsdb.Tests.Integration;

/// <summary>
/// A loopback TCP peer that misbehaves on purpose (malformed JSON, oversized or truncated messages): the bad-input
/// cases no real ovsdb-server produces on demand. The client's first request (its watch on <c>_Server</c>) is
/// answered "unknown database", as a server without <c>_Server</c> would; the second gets <c>payload</c>, after
/// which the peer hangs up (or, with <c>closeAfter</c> false, keeps reading).
/// </summary>
internal sealed class HostilePeer : IAsyncDisposable
{
    private const string NoServerDb = "{\"id\":1,\"result\":null,\"error\":{\"error\":\"unknown database\"}}";
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _serve;

    public HostilePeer(string payload, bool closeAfter = true, bool payloadWithFirstReply = false)
    {
        _listener.Start();
        _serve = ServeAsync(payload, closeAfter, payloadWithFirstReply);
    }

    public string Remote => $"tcp:127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Everything the client sent.</summary>
    public string Received { get { lock (_received) return _received.ToString(); } }

    private readonly StringBuilder _received = new();

    private async Task ServeAsync(string payload, bool closeAfter, bool payloadWithFirstReply)
    {
        using var cts = new CancellationTokenSource(Nb.Timeout);
        using var socket = await _listener.AcceptSocketAsync(cts.Token);
        await ReceiveAsync(socket, cts.Token);
        await SendAsync(socket, payloadWithFirstReply ? NoServerDb + payload : NoServerDb, cts.Token);
        if (!payloadWithFirstReply)
        {
            await ReceiveAsync(socket, cts.Token);
            await SendAsync(socket, payload, cts.Token);
        }
        while (!closeAfter && await ReceiveAsync(socket, cts.Token) > 0)
        {
        }
        socket.Shutdown(SocketShutdown.Both);
    }

    private async Task<int> ReceiveAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[65536];
        var n = await socket.ReceiveAsync(buffer, cancellationToken);
        lock (_received)
            _received.Append(Encoding.UTF8.GetString(buffer, 0, n));
        return n;
    }

    private static async Task SendAsync(Socket socket, string text, CancellationToken cancellationToken) =>
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), cancellationToken);

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
