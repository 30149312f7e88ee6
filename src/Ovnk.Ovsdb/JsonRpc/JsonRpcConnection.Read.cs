using System.Buffers;
using System.Text.Json;

namespace Ovnk.Ovsdb.JsonRpc;

internal sealed partial class JsonRpcConnection
{
    private async Task ReadLoopAsync()
    {
        await Task.Yield(); // never run the loop on the constructor's thread
        Exception? reason = null;
        try
        {
            while (true)
            {
                var read = await _reader.ReadAsync(_closing.Token);
                var buffer = read.Buffer;
                if (!buffer.IsEmpty)
                    Interlocked.Exchange(ref _lastReceivedTicks, Environment.TickCount64);
                while (_framer.TryRead(ref buffer, out var message))
                {
                    _anyMessage = true;
                    await DispatchAsync(message);
                }
                _reader.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted)
                {
                    reason = new OvsdbConnectionException((buffer.IsEmpty
                        ? "the OVSDB server closed the connection"
                        : "the OVSDB server closed the connection in the middle of a message")
                        + (_anyMessage || _silentCloseHint is null ? "" : $" before answering anything: {_silentCloseHint}"));
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            reason = null;
        }
        catch (Exception e) when (e is OvsdbException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            reason = e is OvsdbException ? e : new OvsdbConnectionException($"reading from the OVSDB server failed: {e.Message}" +
                (_anyMessage || _silentCloseHint is null ? "" : $" ({_silentCloseHint})"), e);
        }
#pragma warning disable CA1031 // The read loop owns the connection: any failure must close it, never leave callers waiting.
        catch (Exception e)
#pragma warning restore CA1031
        {
            reason = new OvsdbConnectionException($"internal error while reading from the OVSDB server: {e.Message}", e);
        }
        finally
        {
            // Only the loop touches the PipeReader: completing it from another thread would free buffers in use.
            await _reader.CompleteAsync();
        }
        Close(reason);
    }

    private void Close(Exception? reason)
    {
        if (Interlocked.Exchange(ref _closeStarted, 1) != 0)
            return;
        var error = Closing(reason);
        foreach (var call in _pending.Values)
            call.Fail(error);
        // The handler hears first, so whoever awaits Closed sees the handler's state already updated.
        _handler.OnClosed(reason);
        _closed.TrySetResult(reason);
        // Unblock a writer waiting on a full socket buffer.
        _closing.Cancel();
    }

    private async ValueTask DispatchAsync(ReadOnlySequence<byte> message)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException e)
        {
            throw new OvsdbProtocolException($"malformed JSON-RPC message: {e.Message}", e);
        }
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new OvsdbProtocolException("a JSON-RPC message must be an object");
        }
        if (root.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String)
        {
            using (document)
                await OnRequestAsync(method.GetString()!, root);
            return;
        }
        OnReply(document, root);
    }

    private async ValueTask OnRequestAsync(string method, JsonElement root)
    {
        var parameters = root.TryGetProperty("params", out var p) ? p : default;
        var hasId = root.TryGetProperty("id", out var id) && id.ValueKind != JsonValueKind.Null;
        if (!hasId)
        {
            try
            {
                _handler.OnNotification(method, parameters);
            }
            catch (Exception e) when (MalformedMessage.IsShapeError(e))
            {
                throw new OvsdbProtocolException($"the {method} notification is malformed: {e.Message}", e);
            }
            return;
        }
        // RFC 7047 §4.1.11: echo is answered with its own params; it keeps the session alive.
        if (method == "echo")
            Interlocked.Increment(ref _echoesAnswered);
        var idCopy = id.Clone();
        var paramsCopy = parameters.ValueKind == JsonValueKind.Undefined ? default : parameters.Clone();
        await SendAsync(w =>
        {
            if (method == "echo")
            {
                w.WritePropertyName("result");
                if (paramsCopy.ValueKind == JsonValueKind.Undefined) w.WriteStartArray(); else paramsCopy.WriteTo(w);
                if (paramsCopy.ValueKind == JsonValueKind.Undefined) w.WriteEndArray();
                w.WriteNull("error");
            }
            else
            {
                w.WriteNull("result");
                w.WriteString("error", "unknown method");
            }
            w.WritePropertyName("id");
            idCopy.WriteTo(w);
        }, _closing.Token);
    }

    private void OnReply(JsonDocument document, JsonElement root)
    {
        if (!root.TryGetProperty("id", out var id) || !id.TryGetInt64(out var callId) ||
            !_pending.TryGetValue(callId, out var call))
        {
            document.Dispose(); // a reply to a call that was cancelled or never made
            return;
        }
        if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
        {
            var (text, details) = ReadError(error);
            document.Dispose();
            call.Fail(new OvsdbRpcException(call.Method, text, details));
            return;
        }
        var result = root.TryGetProperty("result", out var r) ? r : default;
        if (!call.Complete(new JsonRpcReply(document, result)))
            document.Dispose();
    }

    private static (string Error, string? Details) ReadError(JsonElement error)
    {
        if (error.ValueKind == JsonValueKind.String)
            return (error.GetString()!, null);
        var text = error.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : error.GetRawText();
        var details = error.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        return (text, details);
    }
}
