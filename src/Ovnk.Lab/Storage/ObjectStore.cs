using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Ovnk.Lab.Diagnostics;
using Ovnk.Lab.Watch;

namespace Ovnk.Lab.Storage;

/// <summary>
/// Objects in SQLite with one global revision. Every write is a read-modify-write under one writer lock: read the
/// current object, let a pure <see cref="Func{T,TResult}"/> decide, assign the next revision, commit object + log
/// row in one transaction, then publish the event to the <see cref="WatchHub"/> (still under the lock, so watchers
/// see events in revision order). Reads use their own pooled connections (WAL snapshot per statement).
/// </summary>
public sealed partial class ObjectStore : IDisposable
{
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly WatchHub _hub;
    private readonly int _retained;
    private long _writesSinceCompaction;
    private WalCheckpointer? _checkpointer;

    private ObjectStore(string connectionString, SqliteConnection writer, WatchHub hub, int retained)
    {
        _connectionString = connectionString;
        _writer = writer;
        _hub = hub;
        _retained = retained;
    }

    /// <summary>Where writes (and the API requests above them) spend their time: lock wait, decide, commit, publish.</summary>
    public LatencyRecorder Latencies { get; } = new();

    /// <summary>The newest committed revision.</summary>
    public long CurrentRevision => _hub.LastRevision;

    /// <summary>Revisions at or below this have been compacted: watching from them gets 410 Gone.</summary>
    public long CompactedRevision { get; private set; }

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/>.</summary>
    /// <param name="path">The SQLite file.</param>
    /// <param name="hub">Receives every committed event.</param>
    /// <param name="retainedEvents">How many log rows watch resumption can replay (older ones get 410).</param>
    public static ObjectStore Open(string path, WatchHub hub, int retainedEvents = 100_000)
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        var writer = new SqliteConnection(cs);
        writer.Open();
        Execute(writer, StoreSchema.Pragmas + StoreSchema.Create + StoreSchema.WriterPragmas);
        var store = new ObjectStore(cs, writer, hub, retainedEvents);
        hub.Initialize(ScalarLong(writer, "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name='log'), 0)"));
        store.CompactedRevision = ScalarLong(writer, "SELECT COALESCE((SELECT value FROM meta WHERE key='compacted'), 0)");
        store._checkpointer = new WalCheckpointer(cs, () => hub.LastRevision);
        return store;
    }

    /// <summary>Reads one object, or null.</summary>
    public async Task<JsonObject?> GetAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM objects WHERE resource=$r AND namespace=$n AND name=$m";
        command.Parameters.AddWithValue("$r", key.Resource);
        command.Parameters.AddWithValue("$n", key.Namespace);
        command.Parameters.AddWithValue("$m", key.Name);
        var data = (string?)await command.ExecuteScalarAsync(cancellationToken);
        return data is null ? null : (JsonObject)JsonNode.Parse(data)!;
    }

    /// <summary>
    /// Lists objects of <paramref name="resource"/> (in <paramref name="ns"/> when given) ordered by namespace/name,
    /// starting after <paramref name="after"/> ("namespace/name"), and the revision the list is consistent with.
    /// </summary>
    public async Task<(List<JsonObject> Items, long Revision)> ListAsync(
        string resource, string? ns, string? after, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT data FROM objects WHERE resource=$r" +
            (ns is null ? "" : " AND namespace=$n") +
            (after is null ? "" : " AND (namespace || '/' || name) > $a") + " ORDER BY namespace, name";
        command.Parameters.AddWithValue("$r", resource);
        command.Parameters.AddWithValue("$n", ns ?? "");
        command.Parameters.AddWithValue("$a", after ?? "");
        var items = new List<JsonObject>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add((JsonObject)JsonNode.Parse(reader.GetString(0))!);
            }
        }
        // The newest log revision in the same read transaction is the revision this snapshot reflects.
        command.CommandText = "SELECT COALESCE(MAX(rv), 0) FROM log";
        var revision = Math.Max((long)(await command.ExecuteScalarAsync(cancellationToken))!, CompactedRevision);
        return (items, revision);
    }

    /// <summary>The logged events with <paramref name="after"/> &lt; revision ≤ <paramref name="upTo"/>, in order.</summary>
    public async Task<List<StoredEvent>> EventsAsync(long after, long upTo, CancellationToken cancellationToken, bool withPrevious = false)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT rv, type, resource, namespace, name, data FROM log WHERE rv > $a AND rv <= $u ORDER BY rv";
        command.Parameters.AddWithValue("$a", after);
        command.Parameters.AddWithValue("$u", upTo);
        var events = new List<StoredEvent>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                events.Add(new StoredEvent(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.GetString(4), (JsonObject)JsonNode.Parse(reader.GetString(5))!));
            }
        }
        return withPrevious ? await WithPreviousAsync(connection, events, cancellationToken) : events;
    }

    /// <summary>
    /// Fills <see cref="StoredEvent.Previous"/> of replayed MODIFIED events from the log: the key's preceding event in
    /// the batch, else its last logged event before the batch (null when compacted away).
    /// </summary>
    private static async Task<List<StoredEvent>> WithPreviousAsync(SqliteConnection connection, List<StoredEvent> events, CancellationToken cancellationToken)
    {
        var last = new Dictionary<(string, string, string), JsonObject>();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var key = (e.Resource, e.Namespace, e.Name);
            if (e.Type == "MODIFIED")
            {
                var previous = last.TryGetValue(key, out var p) ? p : await LoggedBeforeAsync(connection, e, cancellationToken);
                events[i] = e with { Previous = previous };
            }
            last[key] = e.Object;
        }
        return events;
    }

    private static async Task<JsonObject?> LoggedBeforeAsync(SqliteConnection connection, StoredEvent e, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM log WHERE resource=$r AND namespace=$n AND name=$m AND rv < $v ORDER BY rv DESC LIMIT 1";
        command.Parameters.AddWithValue("$r", e.Resource);
        command.Parameters.AddWithValue("$n", e.Namespace);
        command.Parameters.AddWithValue("$m", e.Name);
        command.Parameters.AddWithValue("$v", e.Revision);
        return await command.ExecuteScalarAsync(cancellationToken) is string data ? (JsonObject)JsonNode.Parse(data)! : null;
    }

    /// <summary>Runs <paramref name="action"/> while no write can commit (for consistent list+watch snapshots).</summary>
    public async Task<T> WithWritesPausedAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            return await action();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _checkpointer?.Dispose();
        _writer.Dispose();
        _writeLock.Dispose();
        SqliteConnection.ClearAllPools();
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long ScalarLong(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
