using System.Net.WebSockets;

namespace Ovnk.Lab.Streaming;

/// <summary>Sends channel messages one at a time (a WebSocket allows one send in flight).</summary>
internal sealed class ChannelSender(WebSocket socket) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Sends <paramref name="payload"/> on <paramref name="channel"/> as one binary message.</summary>
    public async Task SendAsync(byte channel, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var message = new byte[payload.Length + 1];
        message[0] = channel;
        payload.CopyTo(message.AsMemory(1));
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(message, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Ends our side with a normal closure once pending sends are done.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();
}
