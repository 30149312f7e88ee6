using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ovnk.Lab.Streaming;

/// <summary>
/// One exec or attach over the WebSocket channel protocol: stdout/stderr are sent on channels 1/2, channel 0 feeds
/// stdin, 4 resizes the terminal, v5's 255 closes stdin. When the process exits and its output is drained (bounded
/// by <see cref="DrainLimit"/>: a background child may hold the pipe open), the Status goes on channel 3 and the
/// socket closes normally. If the client goes first, the process is disposed (exec: killed; attach: detached).
/// </summary>
public static class ChannelSession
{
    /// <summary>How long output may still flow after the process exited.</summary>
    public static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(5);

    /// <summary>How long the client has to answer our close frame (RFC 6455 §7.1.1: the closing handshake).</summary>
    public static readonly TimeSpan CloseHandshakeLimit = TimeSpan.FromSeconds(5);

    /// <summary>Runs the session until it ends.</summary>
    public static async Task RunAsync(WebSocket socket, StreamRequest request, Func<CancellationToken, Task<IStreamProcess>> start, CancellationToken cancellationToken)
    {
        using var sender = new ChannelSender(socket);
        IStreamProcess process;
        try
        {
            process = await start(cancellationToken);
        }
        catch (StreamingException e)
        {
            await SendStatusAsync(sender, ExecStatus.Failure(e), cancellationToken);
            await Quietly(ReceiveAsync(socket, null, cancellationToken).WaitAsync(CloseHandshakeLimit, cancellationToken));
            return;
        }
        await using (process)
        {
            using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var receive = ReceiveAsync(socket, process, session.Token);
            var stdout = PumpAsync(process.Stdout, request.Stdout ? ChannelProtocol.Stdout : null, sender, session.Token);
            var stderr = process.Stderr is null ? Task.CompletedTask
                : PumpAsync(process.Stderr, request.Stderr ? ChannelProtocol.Stderr : null, sender, session.Token);
            var first = await Task.WhenAny(process.Exited, receive);
            if (first == receive)
            {
                await session.CancelAsync(); // The client went away: nothing more to send.
                await Quietly(Task.WhenAll(stdout, stderr));
                return;
            }
            await Quietly(Task.WhenAll(stdout, stderr).WaitAsync(DrainLimit, cancellationToken));
            var code = await process.Exited;
            var status = code == 0 ? ExecStatus.Success() : ExecStatus.NonZeroExit(request.Command, code);
            await SendStatusAsync(sender, status, cancellationToken);
            // Let the client answer our close: cancelling the receive aborts the connection, and an abort may drop
            // the status and close frames still queued (kubectl then reports close 1006 and loses the exit code).
            await Quietly(receive.WaitAsync(CloseHandshakeLimit, cancellationToken));
            await session.CancelAsync();
            await Quietly(Task.WhenAll(receive, stdout, stderr));
        }
    }

    private static async Task SendStatusAsync(ChannelSender sender, JsonObject status, CancellationToken cancellationToken)
    {
        await sender.SendAsync(ChannelProtocol.Error, JsonSerializer.SerializeToUtf8Bytes(status), cancellationToken);
        await sender.CloseAsync(cancellationToken);
    }

    private static async Task PumpAsync(Stream source, byte? channel, ChannelSender sender, CancellationToken cancellationToken)
    {
        var buffer = new byte[32 * 1024];
        int n;
        while ((n = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (channel is { } c)
            {
                await sender.SendAsync(c, buffer.AsMemory(0, n), cancellationToken);
            }
        }
    }

    /// <summary>Reads client messages until the client closes; returns then (or throws when the connection breaks).</summary>
    private static async Task ReceiveAsync(WebSocket socket, IStreamProcess? process, CancellationToken cancellationToken)
    {
        var buffer = new byte[32 * 1024];
        var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }
            if (process is not null)
            {
                await DispatchAsync(message.ToArray(), process, cancellationToken);
            }
            message.SetLength(0);
        }
    }

    private static async Task DispatchAsync(byte[] message, IStreamProcess process, CancellationToken cancellationToken)
    {
        if (message.Length == 0)
        {
            return;
        }
        switch (message[0])
        {
            case ChannelProtocol.Stdin when process.Stdin is { } stdin && message.Length > 1:
                try
                {
                    await stdin.WriteAsync(message.AsMemory(1), cancellationToken);
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException)
                {
                    // The process closed its input or exited; kubelet drops such input too.
                }
                break;
            case ChannelProtocol.Resize when message.Length > 1:
                var size = JsonNode.Parse(message.AsSpan(1));
                process.Resize((ushort)(size?["Width"]?.GetValue<int>() ?? 80), (ushort)(size?["Height"]?.GetValue<int>() ?? 24));
                break;
            case ChannelProtocol.Close when message.Length > 1 && message[1] == ChannelProtocol.Stdin:
                process.Stdin?.Dispose();
                break;
            default:
                break; // Stdin for a process without input, or a channel the server does not read: ignored as kubelet does.
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or IOException or WebSocketException or ObjectDisposedException)
        {
            // The session is over; its pumps end however they end.
        }
    }
}
