using Ovnk.Ovsdb.Monitoring;
using Ovnk.Ovsdb.Schema;

namespace Ovnk.Ovsdb.Cache;

/// <summary>
/// An in-memory copy of the monitored tables of one database, fed by a monitor on the connection's read loop and
/// therefore applied in commit order. Because ovsdb-server sends a transaction's updates before its reply, the
/// client's own writes are visible here when <c>TransactAsync</c> returns.
/// </summary>
public sealed class DatabaseCache : IMonitorListener
{
    private readonly object _lock = new();
    private readonly Dictionary<string, TableCache> _tables = new(StringComparer.Ordinal);
    private readonly List<ChangeQueue> _queues = [];
    private readonly List<Action<CacheEvent>> _observers = [];

    /// <summary>Creates a cache for the tables of <paramref name="schema"/>.</summary>
    public DatabaseCache(DatabaseSchema schema)
    {
        Schema = schema;
        foreach (var table in schema.Tables.Values)
            _tables[table.Name] = new TableCache(table, _lock);
    }

    /// <summary>The schema the server reported.</summary>
    public DatabaseSchema Schema { get; }

    /// <summary>The id of the last transaction applied (monitor_cond_since), for resuming after a reconnect.</summary>
    public string? LastTransactionId { get; private set; }

    /// <summary>The cache of one table.</summary>
    /// <exception cref="KeyNotFoundException">The server's schema has no such table.</exception>
    public TableCache Table(string name) => _tables.TryGetValue(name, out var t) ? t
        : throw new KeyNotFoundException($"the {Schema.Name} schema has no table \"{name}\"");

    /// <summary>Maintains an index on <paramref name="column"/> for <see cref="TableCache.Lookup"/>.</summary>
    public void AddIndex(string table, string column)
    {
        lock (_lock)
            Table(table).AddIndex(column);
    }

    /// <summary>A new keyed queue that receives every change from now on.</summary>
    public ChangeQueue Subscribe()
    {
        var queue = new ChangeQueue();
        lock (_lock)
            _queues.Add(queue);
        return queue;
    }

    /// <summary>
    /// Calls <paramref name="observer"/> for every change, with old and new rows, on the read loop: it must not block.
    /// </summary>
    public void Observe(Action<CacheEvent> observer)
    {
        lock (_lock)
            _observers.Add(observer);
    }

    /// <inheritdoc/>
    /// <remarks>A batch with <see cref="MonitorUpdate.ClearFirst"/> replaces the cache; consumers then hear only of
    /// rows that really differ from before (a resync after a reconnect is not a storm of deletes and inserts).</remarks>
    public void OnUpdate(MonitorUpdate update)
    {
        lock (_lock)
        {
            var before = update.ClearFirst ? ClearLocked(update.Tables) : null;
            foreach (var row in update.Rows)
            {
                if (!_tables.TryGetValue(row.Table, out var table))
                    continue; // a table our schema copy lacks
                var (old, @new) = table.Apply(row);
                if (before is not null && before.Remove((row.Table, row.Uuid), out var previous))
                    old = previous;
                var kind = @new is null ? RowUpdateKind.Delete : old is null ? row.Kind : RowUpdateKind.Modify;
                if (before is null || !Equals(old, @new))
                    Publish(new CacheEvent(row.Table, row.Uuid, kind, old, @new));
            }
            foreach (var ((table, uuid), row) in before ?? [])
                Publish(new CacheEvent(table, uuid, RowUpdateKind.Delete, row, null));
            if (update.LastTransactionId is not null)
                LastTransactionId = update.LastTransactionId;
        }
    }

    /// <summary>Empties the tables a resync replaces (only those its monitor covers) and returns their rows.</summary>
    private Dictionary<(string, Protocol.Uuid), Protocol.OvsdbRow> ClearLocked(IReadOnlyCollection<string>? tables)
    {
        var before = new Dictionary<(string, Protocol.Uuid), Protocol.OvsdbRow>();
        foreach (var (name, table) in _tables)
        {
            if (tables is not null && !tables.Contains(name))
                continue;
            foreach (var (uuid, row) in table.Rows())
                before[(name, uuid)] = row;
            table.Clear();
        }
        return before;
    }

    private void Publish(CacheEvent e)
    {
        foreach (var queue in _queues)
            queue.Enqueue(new CacheChange(e.Table, e.Uuid));
        foreach (var observer in _observers)
            observer(e);
    }
}
