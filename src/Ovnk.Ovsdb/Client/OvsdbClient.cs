using System.Text.Json;
using Ovnk.Ovsdb.Schema;
using Ovnk.Ovsdb.Transport;

namespace Ovnk.Ovsdb.Client;

/// <summary>
/// A client of an OVSDB server or cluster: every RFC 7047 method and the ovsdb-server extensions, reconnecting with
/// backoff when the connection breaks and re-establishing its monitors (resumed with <c>monitor_cond_since</c> when
/// the server still has the transaction). Partial by concern: <c>.Transact</c>, <c>.Monitor</c>, <c>.Lock</c>,
/// <c>.Reconnect</c>.
/// </summary>
/// <remarks>Any number of calls may be in flight at once (pipelining). Notifications are handled on the read loop
/// in arrival order, so caches fed by monitors see commits in order. While reconnecting, calls wait for a usable
/// server for at most <see cref="OvsdbClientOptions.TransactionTimeout"/>.</remarks>
public sealed partial class OvsdbClient : IAsyncDisposable
{
    private readonly IReadOnlyList<OvsdbEndpoint> _endpoints;
    private readonly OvsdbClientOptions _options;
    private readonly CancellationTokenSource _disposing = new();
    private readonly object _state = new();
    private TaskCompletionSource<OvsdbSession> _ready = NewReady();
    private OvsdbSession? _session;
    private Task _supervisor = Task.CompletedTask;
    private Task _prober = Task.CompletedTask;
    private long _highestIndex;

    private OvsdbClient(IReadOnlyList<OvsdbEndpoint> endpoints, OvsdbClientOptions options)
    {
        _endpoints = endpoints;
        _options = options;
    }

    /// <summary>The endpoint of the current connection (the last one while reconnecting).</summary>
    public OvsdbEndpoint Endpoint { get; private set; } = null!;

    /// <summary>
    /// True while the client has no usable server (reconnecting) or the server says its cluster has no majority:
    /// caches hold the last state seen, which may be out of date.
    /// </summary>
    public bool IsStale => _session is null || _session.ServerState?.Disconnected == true;

    /// <summary>Echo requests (inactivity probes) the server sent on the current connection and we answered.</summary>
    internal long EchoesAnswered => _session?.Connection.EchoesAnswered ?? 0;

    /// <summary>The highest Raft index seen on any server (0 for standalone servers); it never goes backwards.</summary>
    public long ServerIndex => Interlocked.Read(ref _highestIndex);

    /// <summary>
    /// Completes when the client stops for good: disposed, or the connection broke with reconnect turned off.
    /// The result is the reason (null when disposed).
    /// </summary>
    public Task<Exception?> Closed => _closed.Task;

    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Connects to the first usable remote of <paramref name="remotes"/> (<c>unix:PATH</c>, <c>tcp:H:P</c>,
    /// <c>ssl:H:P</c>, comma-separated for a cluster).
    /// </summary>
    /// <exception cref="OvsdbConnectionException">No remote could be used; the message says why for each.</exception>
    public static async Task<OvsdbClient> ConnectAsync(string remotes, OvsdbClientOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var client = new OvsdbClient(OvsdbEndpoint.ParseList(remotes), options ?? OvsdbClientOptions.Default);
        var session = await client.ConnectAnyAsync(cancellationToken);
        client.Publish(session);
        client._supervisor = client.SuperviseAsync(client._disposing.Token);
        if (client._options.InactivityProbe > TimeSpan.Zero)
            client._prober = client.ProbeLoopAsync(client._disposing.Token);
        return client;
    }

    /// <summary><c>list_dbs</c> (RFC 7047 §4.1.1).</summary>
    public Task<IReadOnlyList<string>> ListDatabasesAsync(CancellationToken cancellationToken = default) =>
        CallAsync<IReadOnlyList<string>>("list_dbs", w => { w.WriteStartArray(); w.WriteEndArray(); },
            r => r.EnumerateArray().Select(e => e.GetString()!).ToArray(), cancellationToken);

    /// <summary><c>get_schema</c> (RFC 7047 §4.1.2).</summary>
    public Task<DatabaseSchema> GetSchemaAsync(string database, CancellationToken cancellationToken = default) =>
        CallAsync("get_schema", w => WriteArray(w, database), DatabaseSchema.Parse, cancellationToken);

    /// <summary><c>echo</c> (RFC 7047 §4.1.11): a round trip that proves the session is alive.</summary>
    public async Task EchoAsync(CancellationToken cancellationToken = default)
    {
        var token = $"ovnk-{Environment.TickCount64}";
        await CallAsync("echo", w => WriteArray(w, token), r => r.ValueKind == JsonValueKind.Array && r.GetArrayLength() == 1
            && r[0].GetString() == token ? true : throw new OvsdbProtocolException($"echo answered with {r.GetRawText()}, expected [\"{token}\"]"),
            cancellationToken);
    }

    /// <summary>
    /// <c>set_db_change_aware</c> (ovsdb-server(7) §4.1.18): when on, a database being removed or converted cancels
    /// monitors (<c>monitor_canceled</c>) instead of dropping the connection.
    /// </summary>
    public Task SetDatabaseChangeAwareAsync(bool aware, CancellationToken cancellationToken = default) =>
        CallAsync("set_db_change_aware", w => { w.WriteStartArray(); w.WriteBooleanValue(aware); w.WriteEndArray(); },
            _ => true, cancellationToken);

    /// <summary><c>get_server_id</c>: a UUID that changes whenever the server process restarts.</summary>
    public Task<string> GetServerIdAsync(CancellationToken cancellationToken = default) =>
        CallAsync("get_server_id", w => { w.WriteStartArray(); w.WriteEndArray(); }, r => r.GetString()!, cancellationToken);

    /// <summary>Sends a request on the current session (waiting for one while reconnecting) and parses the reply.</summary>
    private async Task<T> CallAsync<T>(string method, Action<Utf8JsonWriter> writeParams, Func<JsonElement, T> parse,
        CancellationToken cancellationToken, Func<OvsdbSession, long, Task>? onCancel = null)
    {
        var session = await SessionAsync(cancellationToken);
        using var reply = await session.Connection.CallAsync(method, writeParams, cancellationToken,
            onCancel is null ? null : id => onCancel(session, id));
        return session.Connection.Parse(reply, method, parse);
    }

    private static void WriteArray(Utf8JsonWriter writer, params string[] items)
    {
        writer.WriteStartArray();
        foreach (var item in items)
            writer.WriteStringValue(item);
        writer.WriteEndArray();
    }

    /// <summary>Closes the connection and stops reconnecting; calls in flight fail with <see cref="OvsdbConnectionException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposing.IsCancellationRequested)
            return;
        await _disposing.CancelAsync();
        OvsdbSession? session;
        lock (_state)
            session = _session;
        if (session is not null)
            await session.DisposeAsync();
        await _supervisor;
        await _prober;
        _ready.TrySetException(new OvsdbConnectionException("the OVSDB client was disposed"));
        _closed.TrySetResult(null);
        _disposing.Dispose();
    }
}
