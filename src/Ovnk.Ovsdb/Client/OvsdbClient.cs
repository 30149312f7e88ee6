using System.Text.Json;
using Ovnk.Ovsdb.JsonRpc;
using Ovnk.Ovsdb.Schema;
using Ovnk.Ovsdb.Transport;

namespace Ovnk.Ovsdb.Client;

/// <summary>
/// A client of one OVSDB server (or of the first reachable member of a cluster): every RFC 7047 method and the
/// ovsdb-server extensions. Partial by concern: <c>.Transact</c>, <c>.Monitor</c>, <c>.Lock</c>.
/// </summary>
/// <remarks>Any number of calls may be in flight at once (pipelining). Notifications are handled on the read loop
/// in arrival order, so caches fed by monitors see commits in order.</remarks>
public sealed partial class OvsdbClient : IAsyncDisposable, IJsonRpcNotificationHandler
{
    private readonly OvsdbClientOptions _options;
    private readonly JsonRpcConnection _connection;
    private readonly CancellationTokenSource _disposing = new();
    private readonly Task _prober;

    private OvsdbClient(OvsdbEndpoint endpoint, Stream stream, OvsdbClientOptions options)
    {
        Endpoint = endpoint;
        _options = options;
        _connection = new JsonRpcConnection(stream, this, options.MaxMessageBytes, endpoint.Kind == OvsdbTransportKind.Ssl
            ? "the server may have rejected our certificate; check that it is signed by the CA the server trusts and has not expired"
            : null);
        _prober = options.InactivityProbe > TimeSpan.Zero ? ProbeLoopAsync(_disposing.Token) : Task.CompletedTask;
    }

    /// <summary>The endpoint this client is connected to.</summary>
    public OvsdbEndpoint Endpoint { get; }

    /// <summary>Completes when the connection closes, with the reason (null when closed by us).</summary>
    public Task<Exception?> Closed => _connection.Closed;

    /// <summary>
    /// Connects to the first reachable remote of <paramref name="remotes"/> (<c>unix:PATH</c>, <c>tcp:H:P</c>,
    /// <c>ssl:H:P</c>, comma-separated).
    /// </summary>
    /// <exception cref="OvsdbConnectionException">No remote could be reached; the message lists each failure.</exception>
    public static async Task<OvsdbClient> ConnectAsync(string remotes, OvsdbClientOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= OvsdbClientOptions.Default;
        var failures = new List<string>();
        foreach (var endpoint in OvsdbEndpoint.ParseList(remotes))
        {
            try
            {
                var stream = await OvsdbConnector.ConnectAsync(endpoint, options.Tls, options.ConnectTimeout, cancellationToken);
                return new OvsdbClient(endpoint, stream, options);
            }
            catch (OvsdbConnectionException e)
            {
                failures.Add(e.Message);
            }
        }
        throw new OvsdbConnectionException(string.Join("; ", failures));
    }

    /// <summary><c>list_dbs</c> (RFC 7047 §4.1.1).</summary>
    public async Task<IReadOnlyList<string>> ListDatabasesAsync(CancellationToken cancellationToken = default)
    {
        using var reply = await _connection.CallAsync("list_dbs", w => { w.WriteStartArray(); w.WriteEndArray(); }, cancellationToken);
        return _connection.Parse(reply, "list_dbs", r => r.EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    /// <summary><c>get_schema</c> (RFC 7047 §4.1.2).</summary>
    public async Task<DatabaseSchema> GetSchemaAsync(string database, CancellationToken cancellationToken = default)
    {
        using var reply = await _connection.CallAsync("get_schema", w => WriteArray(w, database), cancellationToken);
        return _connection.Parse(reply, "get_schema", DatabaseSchema.Parse);
    }

    /// <summary><c>echo</c> (RFC 7047 §4.1.11): a round trip that proves the session is alive.</summary>
    public async Task EchoAsync(CancellationToken cancellationToken = default)
    {
        var token = $"ovnk-{Environment.TickCount64}";
        using var reply = await _connection.CallAsync("echo", w => WriteArray(w, token), cancellationToken);
        _connection.Parse(reply, "echo", r => r.ValueKind == JsonValueKind.Array && r.GetArrayLength() == 1 && r[0].GetString() == token
            ? true : throw new OvsdbProtocolException($"echo answered with {r.GetRawText()}, expected [\"{token}\"]"));
    }

    /// <summary>
    /// <c>set_db_change_aware</c> (ovsdb-server(7) §4.1.18): when on, a database being removed or converted cancels
    /// monitors (<c>monitor_canceled</c>) instead of dropping the connection.
    /// </summary>
    public async Task SetDatabaseChangeAwareAsync(bool aware, CancellationToken cancellationToken = default)
    {
        using var reply = await _connection.CallAsync("set_db_change_aware",
            w => { w.WriteStartArray(); w.WriteBooleanValue(aware); w.WriteEndArray(); }, cancellationToken);
    }

    /// <summary><c>get_server_id</c>: a UUID that changes whenever the server process restarts.</summary>
    public async Task<string> GetServerIdAsync(CancellationToken cancellationToken = default)
    {
        using var reply = await _connection.CallAsync("get_server_id", w => { w.WriteStartArray(); w.WriteEndArray(); }, cancellationToken);
        return _connection.Parse(reply, "get_server_id", r => r.GetString()!);
    }

    private static void WriteArray(Utf8JsonWriter writer, params string[] items)
    {
        writer.WriteStartArray();
        foreach (var item in items)
            writer.WriteStringValue(item);
        writer.WriteEndArray();
    }

    private async Task ProbeLoopAsync(CancellationToken cancellationToken)
    {
        var interval = _options.InactivityProbe;
        try
        {
            while (!cancellationToken.IsCancellationRequested && !_connection.Closed.IsCompleted)
            {
                await Task.Delay(interval / 2, cancellationToken);
                if (_connection.IdleMilliseconds < interval.TotalMilliseconds)
                    continue;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(interval);
                try
                {
                    await EchoAsync(timeout.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // RFC 7047 §4.1.11 and ovs/reconnect.py: an unanswered probe means the peer is gone.
                    await _connection.DisposeAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (OvsdbException)
        {
            // The connection closed; Closed reports why.
        }
    }

    /// <summary>Closes the connection; calls in flight fail with <see cref="OvsdbConnectionException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await _disposing.CancelAsync();
        await _connection.DisposeAsync();
        await _prober;
        _disposing.Dispose();
    }
}
