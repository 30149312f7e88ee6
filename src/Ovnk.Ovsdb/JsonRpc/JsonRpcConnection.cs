using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text.Json;
using Ovnk.Ovsdb.Framing;

namespace Ovnk.Ovsdb.JsonRpc;

/// <summary>
/// JSON-RPC 1.0 over a byte stream, as OVSDB uses it (RFC 7047 §4): either side may send requests; ids correlate
/// replies; notifications have a null id. One read loop frames and dispatches messages in arrival order; writes are
/// serialized by a lock, and any number of calls may be in flight (pipelining).
/// </summary>
/// <remarks>ovsdb-server sends the updates caused by a client's own transaction before the transaction's reply
/// (ovsdb-server(7)). Because notifications are handled synchronously on the read loop before the reply completes
/// its caller, a cache fed by them is current when the call returns.</remarks>
internal sealed partial class JsonRpcConnection : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly Utf8JsonWriter _json;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<long, PendingCall> _pending = new();
    private readonly JsonFramer _framer;
    private readonly IJsonRpcNotificationHandler _handler;
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _readLoop;
    private long _nextId;
    private int _closeStarted;
    private long _echoesAnswered;

    /// <summary>How many echo requests from the peer (its inactivity probes) we answered.</summary>
    public long EchoesAnswered => Interlocked.Read(ref _echoesAnswered);
    private long _lastReceivedTicks = Environment.TickCount64;

    private readonly string? _silentCloseHint;
    private bool _anyMessage;

    /// <param name="silentCloseHint">Added to the error when the peer closes before sending anything (over TLS,
    /// that is how a server rejects our certificate).</param>
    public JsonRpcConnection(Stream stream, IJsonRpcNotificationHandler handler, long maxMessageBytes, string? silentCloseHint = null)
    {
        _silentCloseHint = silentCloseHint;
        _stream = stream;
        _handler = handler;
        _framer = new JsonFramer(maxMessageBytes);
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024));
        _writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 16 * 1024));
        _json = new Utf8JsonWriter(_writer, new JsonWriterOptions { SkipValidation = true });
        _readLoop = ReadLoopAsync();
    }

    /// <summary>Completes when the connection closes, with the reason (null when we closed it).</summary>
    public Task<Exception?> Closed => _closed.Task;

    /// <summary>Milliseconds since anything arrived from the peer (for the inactivity probe).</summary>
    public long IdleMilliseconds => Environment.TickCount64 - Interlocked.Read(ref _lastReceivedTicks);

    /// <summary>Sends a request and waits for its reply.</summary>
    /// <exception cref="OvsdbRpcException">The peer answered with an error.</exception>
    /// <exception cref="OvsdbConnectionException">The connection closed first.</exception>
    public async Task<JsonRpcReply> CallAsync(string method, Action<Utf8JsonWriter> writeParams,
        CancellationToken cancellationToken, Func<long, Task>? onCancel = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var call = new PendingCall(method);
        _pending[id] = call;
        try
        {
            await SendAsync(w =>
            {
                w.WriteString("method", method);
                w.WritePropertyName("params");
                writeParams(w);
                w.WriteNumber("id", id);
            }, cancellationToken);
            try
            {
                return await call.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && onCancel is not null)
            {
                await onCancel(id);
                throw;
            }
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Sends a notification (a request with a null id; no reply comes).</summary>
    public Task NotifyAsync(string method, Action<Utf8JsonWriter> writeParams, CancellationToken cancellationToken) =>
        SendAsync(w =>
        {
            w.WriteString("method", method);
            w.WritePropertyName("params");
            writeParams(w);
            w.WriteNull("id");
        }, cancellationToken);

    private async Task SendAsync(Action<Utf8JsonWriter> writeMembers, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _closeStarted) != 0)
            throw Closing(_closed.Task.IsCompleted ? await _closed.Task : null);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            _json.Reset(_writer);
            _json.WriteStartObject();
            writeMembers(_json);
            _json.WriteEndObject();
            _json.Flush();
            // Not cancellable by the caller: a half-written message would corrupt the stream for everyone.
            var flush = await _writer.FlushAsync(_closing.Token);
            if (flush.IsCompleted || flush.IsCanceled)
                throw Closing(null);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException
                                  && !cancellationToken.IsCancellationRequested)
        {
            throw Closing(e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private OvsdbConnectionException Closing(Exception? reason) =>
        reason as OvsdbConnectionException ??
        new OvsdbConnectionException($"the OVSDB connection is closed{(reason is null ? "" : $": {reason.Message}")}" +
            (_anyMessage || _silentCloseHint is null || reason is null ? "" : $" ({_silentCloseHint})"), reason);

    /// <summary>
    /// Reads a reply's result with <paramref name="parse"/>. A result of the wrong shape means the peer is broken:
    /// the connection is closed with an <see cref="OvsdbProtocolException"/> (so a reconnect starts clean) and that
    /// exception is thrown.
    /// </summary>
    public T Parse<T>(JsonRpcReply reply, string method, Func<JsonElement, T> parse)
    {
        try
        {
            return parse(reply.Result);
        }
        catch (Exception e) when (MalformedMessage.IsShapeError(e))
        {
            var error = new OvsdbProtocolException($"the reply to {method} is malformed: {e.Message}", e);
            Abort(error);
            throw error;
        }
    }

    /// <summary>
    /// Closes the connection at once with <paramref name="reason"/>, from any thread, the read loop included
    /// (where awaiting <see cref="DisposeAsync"/> would wait for itself).
    /// </summary>
    public void Abort(Exception reason)
    {
        Close(reason);
        _stream.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_closing.IsCancellationRequested)
            await _closing.CancelAsync();
        await _stream.DisposeAsync();
        try
        {
            await _readLoop;
        }
        catch (OperationCanceledException)
        {
            // The read loop ends by cancellation when we close.
        }
        // _writeLock and _json are left undisposed on purpose: a caller that picked this connection just before it
        // closed may still be about to send; it must get a connection error, not ObjectDisposedException. Neither
        // holds an unmanaged resource (no wait handle is ever created on the semaphore).
    }
}
