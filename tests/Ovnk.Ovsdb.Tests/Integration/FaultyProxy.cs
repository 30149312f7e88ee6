using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ovnk.Ovsdb.Tests.Integration;

/// <summary>
/// A loopback TCP proxy in front of a real ovsdb-server's unix socket that, on request, injects garbage into the
/// server-to-client direction of the current connection: a protocol error in the middle of a healthy session.
/// </summary>
internal sealed class FaultyProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _serverSocket;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _tasks = [];
    private Socket? _current;
    private int _connections;

    public FaultyProxy(string serverSocket)
    {
        _serverSocket = serverSocket;
        _listener.Start();
        _tasks.Add(AcceptLoopAsync());
    }

    public string Remote => $"tcp:127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Sends bytes that are not JSON to the client on the current connection.</summary>
    public async Task InjectGarbageAsync() =>
        await _current!.SendAsync(Encoding.UTF8.GetBytes("}]not json at all["), _stop.Token);

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptSocketAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                var server = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await server.ConnectAsync(new UnixDomainSocketEndPoint(_serverSocket), _stop.Token);
                _current = client;
                lock (_tasks)
                {
                    _tasks.Add(PumpAsync(client, server));
                    _tasks.Add(PumpAsync(server, client));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[65536];
        try
        {
            int n;
            while ((n = await from.ReceiveAsync(buffer, _stop.Token)) > 0)
                await to.SendAsync(buffer.AsMemory(0, n), _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        from.Dispose();
        to.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Task[] tasks;
        lock (_tasks)
            tasks = [.. _tasks];
        await Task.WhenAll(tasks);
        _stop.Dispose();
    }
}
