using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Ovnk.Cni.Protocol;

namespace Ovnk.Cni;

/// <summary>
/// The plugin's half of upstream's shim protocol: one HTTP/1.1 POST over the agent's unix socket, JSON
/// <see cref="CniRequest"/> in, <see cref="CniResponse"/> (200) or <see cref="CniError"/> (any other status) out.
/// A hand-written client with <c>Connection: close</c>: HttpClient would double the binary and add ~10 ms to every
/// exec of this short-lived process for one request.
/// </summary>
internal sealed class AgentClient(string socketPath)
{
    /// <summary>No CNI answer is this large; a bigger one is a broken agent, not a reason to use more memory.</summary>
    private const int MaxResponseBytes = 16 * 1024 * 1024;

    public string SocketPath { get; } = socketPath;

    public async Task<AgentReply> SendAsync(CniRequest request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CniSocket.RequestTimeout);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), timeout.Token);
        }
        catch (SocketException e)
        {
            return new AgentReply.Unreachable($"cannot connect to {SocketPath}: {Explain(e.SocketErrorCode, e.Message)}");
        }
        try
        {
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await stream.WriteAsync(Frame(request), timeout.Token);
            var response = await ReadToEndAsync(stream, timeout.Token);
            // No complete header: the agent died or restarted mid-request (a killed process closes its sockets).
            // That is "try again", not a protocol error: the runtime's retry meets the restarted agent.
            if (response.AsSpan().IndexOf("\r\n\r\n"u8) < 0)
                return new AgentReply.Unreachable($"the connection to the node agent on {SocketPath} broke: it closed after {response.Length} bytes, before answering (did it crash or restart?)");
            var (status, body) = HttpResponseReader.Parse(response);
            return Interpret(status, body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AgentReply.Unreachable($"no answer from the node agent within {CniSocket.RequestTimeout.TotalSeconds:0} s");
        }
        catch (IOException e)
        {
            return new AgentReply.Unreachable($"the connection to the node agent on {SocketPath} broke: {e.Message}");
        }
        catch (FormatException e)
        {
            return new AgentReply.Failure(new(CniErrorCode.Internal, $"the node agent sent a malformed HTTP response: {e.Message}", "the plugin and the agent are of different Ovnk versions: install the plugin the agent ships"));
        }
    }

    private static byte[] Frame(CniRequest request)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, CniProtocolJsonContext.Default.CniRequest);
        var head = Encoding.ASCII.GetBytes(
            $"POST {new Uri(CniSocket.RequestUri).AbsolutePath} HTTP/1.1\r\nHost: {new Uri(CniSocket.RequestUri).Host}\r\n" +
            $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        return [.. head, .. body];
    }

    private static async Task<byte[]> ReadToEndAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxResponseBytes) throw new FormatException($"the response exceeds {MaxResponseBytes} bytes");
        }
        return buffer.ToArray();
    }

    private static AgentReply Interpret(int status, byte[] body)
    {
        if (status == 200)
        {
            if (body.Length == 0) return new AgentReply.Success(null);
            var response = Deserialize(body, CniProtocolJsonContext.Default.CniResponse);
            return response is null
                ? new AgentReply.Failure(new(CniErrorCode.Internal, "the node agent sent a response the plugin cannot decode", Preview(body)))
                : new AgentReply.Success(response.Result);
        }
        var error = Deserialize(body, CniProtocolJsonContext.Default.CniError);
        return new AgentReply.Failure(error is { Msg.Length: > 0 }
            ? error
            : new(CniErrorCode.Internal, $"CNI request failed with status {status}: '{Preview(body)}'"));
    }

    private static T? Deserialize<T>(byte[] body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(body, type);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static string Preview(byte[] body) => Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 512)).Trim();

    // connect(2) on a unix socket: ENOENT surfaces as AddressNotAvailable, ECONNREFUSED when the file is stale.
    private static string Explain(SocketError error, string message) => error switch
    {
        SocketError.AddressNotAvailable => "the socket does not exist (the node agent is not running)",
        SocketError.ConnectionRefused => "nothing listens on the socket (the node agent stopped)",
        SocketError.AccessDenied => "permission denied (the plugin must run as root, as the runtime does)",
        _ => $"{message} ({error})",
    };
}
