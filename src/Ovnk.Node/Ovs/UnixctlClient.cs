using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ovnk.Node.Ovs;

/// <summary>
/// A one-call client of an OVS daemon's unixctl socket (what `ovs-appctl -t SOCKET COMMAND ARGS` does): JSON-RPC 1.0
/// over a unix stream socket, one request, one reply (lib/unixctl.c). Used for the commands OVSDB does not carry,
/// such as the userspace tunnel neighbour cache.
/// </summary>
public static class UnixctlClient
{
    private const int MaxReplyBytes = 1 << 20;

    /// <summary>Runs <paramref name="method"/> and returns its text result; an error reply throws <see cref="UnixctlException"/>.</summary>
    public static async Task<string> CallAsync(string socketPath, string method, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
        }
        catch (SocketException e)
        {
            throw new UnixctlException(method, $"cannot connect to {socketPath} ({e.SocketErrorCode}): is ovs-vswitchd running?", e);
        }
        var request = new JsonObject { ["id"] = 0, ["method"] = method, ["params"] = new JsonArray([.. args.Select(a => (JsonNode)a)]) };
        await socket.SendAsync(Encoding.UTF8.GetBytes(request.ToJsonString()), cancellationToken);
        using var reply = await ReadReplyAsync(socket, method, cancellationToken);
        var root = reply.RootElement;
        if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
            throw new UnixctlException(method, error.ToString());
        return root.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.String ? result.GetString()! : "";
    }

    /// <summary>The reply is one JSON object with no delimiter after it: read until it parses.</summary>
    private static async Task<JsonDocument> ReadReplyAsync(Socket socket, string method, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length >= MaxReplyBytes) throw new UnixctlException(method, $"the reply exceeds {MaxReplyBytes} bytes");
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            var n = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
            if (n == 0) throw new UnixctlException(method, "the daemon closed the connection before replying");
            length += n;
            try
            {
                return JsonDocument.Parse(buffer.AsMemory(0, length));
            }
            catch (JsonException)
            {
                // incomplete: read more
            }
        }
    }
}
