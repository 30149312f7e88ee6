using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Ovnk.Lab.Http;

namespace Ovnk.Lab.Streaming;

/// <summary>
/// The API server's side of pods/exec, pods/attach and pods/log: a connection to the node's kubelet socket. For an
/// upgrade the client's handshake is replayed to the kubelet and, once it answers 101, the two connections are
/// spliced byte for byte (as kube-apiserver's UpgradeAwareHandler does), so the WebSocket and its subprotocol are
/// the kubelet's. Logs are relayed as they arrive (follow). Kubelet failures come back with their own Status.
/// </summary>
public static class KubeletProxy
{
    private const int MaxHead = 64 * 1024;

    private static readonly string[] UpgradeHeaders =
        ["Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions", "X-Stream-Protocol-Version"];

    private static readonly string[] AnswerHeaders = ["Upgrade", "Sec-WebSocket-Accept", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions"];

    /// <summary>Passes the client's upgrade request through to <paramref name="socketPath"/> and splices the connections.</summary>
    public static async Task UpgradeAsync(HttpContext context, string socketPath, string pathAndQuery)
    {
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is not { IsUpgradableRequest: true })
        {
            throw Errors.BadRequest("Upgrade request required: exec and attach need a WebSocket (v5.channel.k8s.io) connection over HTTP/1.1");
        }
        using var socket = await ConnectAsync(socketPath, context.RequestAborted);
        await using var kubelet = new NetworkStream(socket, ownsSocket: false);
        var head = new StringBuilder($"GET {pathAndQuery} HTTP/1.1\r\nHost: kubelet\r\n");
        foreach (var name in UpgradeHeaders)
        {
            if (context.Request.Headers.TryGetValue(name, out var value))
            {
                head.Append(name).Append(": ").Append(value.ToString()).Append("\r\n");
            }
        }
        await kubelet.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), context.RequestAborted);
        var (code, headers, rest) = await ReadHeadAsync(kubelet, context.RequestAborted);
        if (code != 101)
        {
            await RelayFailureAsync(context, kubelet, code, headers, rest);
            return;
        }
        foreach (var name in AnswerHeaders)
        {
            if (headers.TryGetValue(name, out var value))
            {
                context.Response.Headers[name] = value;
            }
        }
        await using var client = await upgrade.UpgradeAsync();
        await client.WriteAsync(rest, context.RequestAborted);
        await SpliceAsync(client, kubelet, socket);
    }

    /// <summary>GETs <paramref name="pathAndQuery"/> from the kubelet and relays the body chunk by chunk.</summary>
    public static async Task RelayLogsAsync(HttpContext context, string socketPath, string pathAndQuery)
    {
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) => new NetworkStream(await ConnectAsync(socketPath, ct), ownsSocket: true),
        };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var response = await http.GetAsync(new Uri("http://kubelet" + pathAndQuery), HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "text/plain";
        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        var buffer = new byte[16 * 1024];
        int n;
        await context.Response.StartAsync(context.RequestAborted);
        while ((n = await body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            await context.Response.Body.WriteAsync(buffer.AsMemory(0, n), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private static async Task<Socket> ConnectAsync(string socketPath, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new ApiException(500, "InternalError",
                $"error dialing backend: dial unix {socketPath}: connect: {e.Message} (is the node's kubelet-lite running?)");
        }
    }

    private static async Task<(int Code, Dictionary<string, string> Headers, byte[] Leftover)> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxHead];
        var filled = 0;
        while (true)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (n == 0)
            {
                throw new ApiException(500, "InternalError", "the kubelet closed the connection before answering the upgrade");
            }
            filled += n;
            var end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var lines = Encoding.ASCII.GetString(buffer, 0, end).Split("\r\n");
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var line in lines.Skip(1))
                {
                    var colon = line.IndexOf(':', StringComparison.Ordinal);
                    if (colon > 0)
                    {
                        headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                    }
                }
                var code = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                return (code, headers, buffer[(end + 4)..filled]);
            }
            if (filled == buffer.Length)
            {
                throw new ApiException(500, "InternalError", $"the kubelet's answer head exceeds {MaxHead} bytes");
            }
        }
    }

    /// <summary>Relays a kubelet's non-101 answer (a Status with Content-Length, see StreamingHandler).</summary>
    private static async Task RelayFailureAsync(HttpContext context, Stream kubelet, int code, Dictionary<string, string> headers, byte[] rest)
    {
        var length = headers.TryGetValue("Content-Length", out var text) && int.TryParse(text, out var l) ? Math.Min(l, MaxHead) : rest.Length;
        var body = new byte[length];
        rest.AsSpan(0, Math.Min(rest.Length, length)).CopyTo(body);
        var filled = Math.Min(rest.Length, length);
        while (filled < length)
        {
            var n = await kubelet.ReadAsync(body.AsMemory(filled), context.RequestAborted);
            if (n == 0)
            {
                break;
            }
            filled += n;
        }
        context.Response.StatusCode = code;
        context.Response.ContentType = headers.GetValueOrDefault("Content-Type", "application/json");
        await context.Response.Body.WriteAsync(body.AsMemory(0, filled), context.RequestAborted);
    }

    /// <summary>Copies both ways until the kubelet ends the session (or the client goes away).</summary>
    private static async Task SpliceAsync(Stream client, Stream kubelet, Socket kubeletSocket)
    {
        using var stop = new CancellationTokenSource();
        var down = kubelet.CopyToAsync(client, stop.Token);
        var up = CopyThenShutdownAsync(client, kubelet, kubeletSocket, stop.Token);
        await Task.WhenAny(down, up);
        if (up.IsCompleted)
        {
            // The client is gone or half-closed: give the kubelet a moment to finish, then stop.
            await Task.WhenAny(down, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
        }
        await stop.CancelAsync();
        await Quietly(down);
        await Quietly(up);
    }

    private static async Task CopyThenShutdownAsync(Stream client, Stream kubelet, Socket kubeletSocket, CancellationToken cancellationToken)
    {
        await client.CopyToAsync(kubelet, cancellationToken);
        kubeletSocket.Shutdown(SocketShutdown.Send);
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // One side closed; the splice is over.
        }
    }
}
