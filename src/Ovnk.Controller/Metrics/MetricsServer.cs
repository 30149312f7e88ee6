using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ovnk.Controller.Metrics;

/// <summary>
/// Serves <c>GET /metrics</c> (Prometheus text) over plain HTTP/1.1, one request per connection. Not Kestrel: a
/// WebApplication cost the controller ≈ 0.5 CPU-seconds at start (minimal-API binding, DI, hosting) and ≈ 9 MB of
/// RSS, which a warm restart on a loaded node pays in full; a scrape endpoint needs neither.
/// </summary>
public sealed class MetricsServer : IAsyncDisposable
{
    /// <summary>A request head larger than this is refused (a scrape's is a few hundred bytes).</summary>
    private const int MaxHeadBytes = 8192;

    /// <summary>A client that has not sent its request head by then is dropped, so it cannot hold the loop.</summary>
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    private readonly ControllerMetrics _metrics;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private MetricsServer(ControllerMetrics metrics, TcpListener listener)
    {
        _metrics = metrics;
        _listener = listener;
        var bound = (IPEndPoint)listener.LocalEndpoint;
        Address = new Uri($"http://{(bound.Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{bound.Address}]" : bound.Address.ToString())}:{bound.Port}");
        _loop = AcceptLoopAsync(_stop.Token);
    }

    /// <summary>The base address actually bound (the port is resolved when 0 was asked for).</summary>
    public Uri Address { get; }

    /// <summary>Starts serving <paramref name="metrics"/> on <paramref name="address"/>:<paramref name="port"/>.</summary>
    public static Task<MetricsServer> StartAsync(ControllerMetrics metrics, string address, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        cancellationToken.ThrowIfCancellationRequested();
        var listener = new TcpListener(IPAddress.Parse(address), port);
        try
        {
            listener.Start();
        }
        catch (SocketException e)
        {
            listener.Dispose();
            throw new IOException($"cannot serve /metrics on {address}:{port}: {e.Message}. Pick another --metrics-port (0 = any free port, -1 = off).", e);
        }
        return Task.FromResult(new MetricsServer(metrics, listener));
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException && cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // e.g. the client reset before accept completed
            }
            using (client)
            {
                try
                {
                    await ServeAsync(client.GetStream(), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
                {
                    // A client that went away or stalled; the next one is served.
                }
            }
        }
    }

    private async Task ServeAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadTimeout);
        var head = await ReadHeadAsync(stream, timeout.Token).ConfigureAwait(false);
        var requestLine = head[..Math.Max(0, head.IndexOf('\r', StringComparison.Ordinal))].Split(' ');
        var (status, body) = requestLine is ["GET", var target, _] && (target == "/metrics" || target.StartsWith("/metrics?", StringComparison.Ordinal))
            ? ("200 OK", _metrics.Render())
            : ("404 Not Found", "only GET /metrics is served here\n");
        var bytes = Encoding.UTF8.GetBytes(body);
        var header = string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 {status}\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(header), timeout.Token).ConfigureAwait(false);
        await stream.WriteAsync(bytes, timeout.Token).ConfigureAwait(false);
    }

    /// <summary>Reads up to the blank line ending the request head (RFC 9112 §2.1).</summary>
    private static async Task<string> ReadHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxHeadBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (n == 0) break;
            length += n;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0) break;
        }
        return Encoding.ASCII.GetString(buffer, 0, length);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        try { await _loop.ConfigureAwait(false); }
        catch (OperationCanceledException) { /* stopping is the point */ }
        _listener.Dispose();
        _stop.Dispose();
    }
}
