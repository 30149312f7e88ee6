using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Ovnk.Lab.Kubelet.Agnhost;

/// <summary>
/// agnhost's <c>netexec</c> (kubernetes test/images/agnhost/netexec), the endpoints the e2e tests and the seed use:
/// <c>/</c> (NOW: time), <c>/hostname</c>, <c>/clientip</c>, <c>/echo?msg=</c>, <c>/shell?cmd=</c>, <c>/dial?…</c>,
/// <c>/healthz</c>; and on <c>--udp-port</c> the UDP commands <c>hostname</c>, <c>echo X</c>, <c>clientip</c>.
/// A small HTTP/1.1 server on sockets (no web host: it starts in milliseconds, and each container is one process).
/// </summary>
public static class Netexec
{
    public static async Task<int> RunAsync(int httpPort, int? udpPort, CancellationToken cancellationToken)
    {
        var tasks = new List<Task> { ServeHttpAsync(httpPort, cancellationToken) };
        if (udpPort is { } udp) tasks.Add(ServeUdpAsync(udp, cancellationToken));
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (OperationCanceledException)
        {
            // SIGTERM.
        }
        return 0;
    }

    private static async Task ServeHttpAsync(int port, CancellationToken cancellationToken)
    {
        using var listener = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        listener.Listen(128);
        Console.WriteLine($"Started HTTP server on port {port}");
        var clients = new List<Task>();
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await listener.AcceptAsync(cancellationToken);
            clients.RemoveAll(t => t.IsCompleted);
            clients.Add(HandleAsync(client, cancellationToken));
        }
    }

    private static async Task HandleAsync(Socket client, CancellationToken cancellationToken)
    {
        using var _ = client;
        await using var stream = new NetworkStream(client);
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            var requestLine = await reader.ReadLineAsync(timeout.Token);
            while (!string.IsNullOrEmpty(await reader.ReadLineAsync(timeout.Token)))
            {
                // Headers are not needed.
            }
            var target = requestLine?.Split(' ') is { Length: >= 2 } parts ? parts[1] : "/";
            var remote = (IPEndPoint)client.RemoteEndPoint!;
            var (code, body) = await NetexecHandlers.HandleAsync(target, Format(remote), timeout.Token);
            var bytes = Encoding.UTF8.GetBytes(body);
            var head = $"HTTP/1.1 {code} {(code == 200 ? "OK" : "Error")}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), timeout.Token);
            await stream.WriteAsync(bytes, timeout.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // The client went away.
        }
    }

    private static async Task ServeUdpAsync(int port, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
        socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        Console.WriteLine($"Started UDP server on port {port}");
        var buffer = new byte[2048];
        while (!cancellationToken.IsCancellationRequested)
        {
            var received = await socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.IPv6Any, 0), cancellationToken);
            var remote = (IPEndPoint)received.RemoteEndPoint;
            var text = Encoding.UTF8.GetString(buffer, 0, received.ReceivedBytes).Trim();
            var reply = NetexecHandlers.Udp(text, Format(remote));
            await socket.SendToAsync(Encoding.UTF8.GetBytes(reply), remote, cancellationToken);
        }
    }

    private static string Format(IPEndPoint endpoint)
    {
        var address = endpoint.Address.IsIPv4MappedToIPv6 ? endpoint.Address.MapToIPv4() : endpoint.Address;
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{endpoint.Port}" : $"{address}:{endpoint.Port}";
    }

    /// <summary>Kept for /dial's JSON shape.</summary>
    internal static string Json(string key, JsonNode value) => new JsonObject { [key] = value }.ToJsonString();
}
