using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Ovnk.Cni.Protocol;

namespace Ovnk.Cni;

/// <summary>
/// The plugin's half of upstream's shim protocol: one HTTP/1.1 POST over the agent's unix socket, JSON
/// <see cref="CniRequest"/> in, <see cref="CniResponse"/> (200) or <see cref="CniError"/> (any other status) out.
/// </summary>
internal sealed class AgentClient(string socketPath)
{
    public string SocketPath { get; } = socketPath;

    public async Task<AgentReply> SendAsync(CniRequest request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CniSocket.RequestTimeout);
        using var handler = new SocketsHttpHandler { ConnectCallback = ConnectAsync, UseProxy = false };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var body = JsonSerializer.SerializeToUtf8Bytes(request, CniProtocolJsonContext.Default.CniRequest);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await http.PostAsync(CniSocket.RequestUri, content, timeout.Token);
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            return Interpret(response.StatusCode, bytes);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AgentReply.Unreachable($"no answer from the node agent within {CniSocket.RequestTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            return new AgentReply.Unreachable(Describe(e));
        }
    }

    private static AgentReply Interpret(HttpStatusCode status, byte[] body)
    {
        if (status == HttpStatusCode.OK)
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
            : new(CniErrorCode.Internal, $"CNI request failed with status {(int)status}: '{Preview(body)}'"));
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

    private static string Preview(byte[] body) =>
        System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 512)).Trim();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private string Describe(HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException s)
                return $"cannot connect to {SocketPath}: {Explain(s.SocketErrorCode, s.Message)}";
        }
        return $"the exchange with the node agent on {SocketPath} failed: {e.Message}";
    }

    // connect(2) on a unix socket: ENOENT surfaces as AddressNotAvailable, ECONNREFUSED when the file is stale.
    private static string Explain(SocketError error, string message) => error switch
    {
        SocketError.AddressNotAvailable => "the socket does not exist (the node agent is not running)",
        SocketError.ConnectionRefused => "nothing listens on the socket (the node agent stopped)",
        SocketError.AccessDenied => "permission denied (the plugin must run as root, as the runtime does)",
        _ => $"{message} ({error})",
    };
}
