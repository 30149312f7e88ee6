using Ovnk.Ovsdb.Monitoring;
using Ovnk.Ovsdb.Protocol;
using Ovnk.Ovsdb.Schema;

namespace Ovnk.Ovsdb.Cache;

/// <summary>
/// The rows of one table as the monitor last reported them. Rows are immutable <see cref="OvsdbRow"/>s holding the
/// columns that differ from their default (update2 initial rows omit default-valued columns, ovsdb-server(7)); values
/// are in canonical form (<see cref="ColumnType.Normalize"/>). Writes come only from the owning
/// <see cref="DatabaseCache"/>, under its lock.
/// </summary>
public sealed class TableCache
{
    private readonly Dictionary<Uuid, OvsdbRow> _rows = [];
    private readonly Dictionary<string, Dictionary<object, HashSet<Uuid>>> _indexes = new(StringComparer.Ordinal);
    private readonly object _lock;

    internal TableCache(TableSchema schema, object @lock)
    {
        Schema = schema;
        _lock = @lock;
    }

    /// <summary>The table's schema as the server reported it.</summary>
    public TableSchema Schema { get; }

    /// <summary>The number of rows.</summary>
    public int Count { get { lock (_lock) return _rows.Count; } }

    /// <summary>The row with this UUID, or null.</summary>
    public OvsdbRow? Get(Uuid uuid) { lock (_lock) return _rows.GetValueOrDefault(uuid); }

    /// <summary>A snapshot of every row.</summary>
    public IReadOnlyList<(Uuid Uuid, OvsdbRow Row)> Rows()
    {
        lock (_lock)
            return _rows.Select(r => (r.Key, r.Value)).ToArray();
    }

    /// <summary>The rows whose indexed <paramref name="column"/> equals <paramref name="value"/>.</summary>
    /// <exception cref="InvalidOperationException">No index on that column: call <see cref="DatabaseCache.AddIndex"/>.</exception>
    public IReadOnlyList<(Uuid Uuid, OvsdbRow Row)> Lookup(string column, object value)
    {
        lock (_lock)
        {
            if (!_indexes.TryGetValue(column, out var index))
                throw new InvalidOperationException($"{Schema.Name} has no cache index on \"{column}\"; add one with AddIndex first");
            return index.TryGetValue(value, out var uuids) ? uuids.Select(u => (u, _rows[u])).ToArray() : [];
        }
    }

    /// <summary>The value of a column in a row, or the column's default when the row omits it.</summary>
    public object ValueOf(OvsdbRow row, string column) =>
        row.Get(column) ?? Schema.Column(column)?.Type.DefaultValue() ?? throw new ArgumentException(
            $"{Schema.Name} has no column \"{column}\"", nameof(column));

    internal void AddIndex(string column)
    {
        var index = new Dictionary<object, HashSet<Uuid>>();
        _indexes[column] = index;
        foreach (var (uuid, row) in _rows)
            IndexAdd(index, column, uuid, row);
    }

    internal void Clear()
    {
        _rows.Clear();
        foreach (var index in _indexes.Values)
            index.Clear();
    }

    /// <summary>Applies one change and returns the row before and after it.</summary>
    internal (OvsdbRow? Old, OvsdbRow? New) Apply(RowUpdate update)
    {
        _rows.TryGetValue(update.Uuid, out var old);
        OvsdbRow? @new = update.Kind switch
        {
            RowUpdateKind.Delete => null,
            RowUpdateKind.Modify when update.Diff is not null => ApplyDiff(old, update.Diff),
            _ => Normalize(update.New!),
        };
        if (old is not null)
            Unindex(update.Uuid, old);
        if (@new is null)
            _rows.Remove(update.Uuid);
        else
        {
            _rows[update.Uuid] = @new;
            foreach (var (column, index) in _indexes)
                IndexAdd(index, column, update.Uuid, @new);
        }
        return (old, @new);
    }

    private OvsdbRow Normalize(OvsdbRow row) =>
        new(row.Select(c => new KeyValuePair<string, object>(c.Key, NormalizeColumn(c.Key, c.Value))));

    private object NormalizeColumn(string column, object value) =>
        Schema.Column(column)?.Type.Normalize(value) ?? value; // a column our schema lacks is kept as sent

    private OvsdbRow ApplyDiff(OvsdbRow? old, OvsdbRow diff)
    {
        var row = new OvsdbRow(old ?? new OvsdbRow());
        var result = new Dictionary<string, object>(row, StringComparer.Ordinal);
        foreach (var (column, change) in diff)
        {
            var type = Schema.Column(column)?.Type;
            var current = result.GetValueOrDefault(column) ?? type?.DefaultValue();
            result[column] = type is null || current is null ? change : type.ApplyDiff(current, change);
        }
        return new OvsdbRow(result);
    }

    private void Unindex(Uuid uuid, OvsdbRow row)
    {
        foreach (var (column, index) in _indexes)
        {
            if (row.Get(column) is { } key && index.TryGetValue(key, out var set))
            {
                set.Remove(uuid);
                if (set.Count == 0)
                    index.Remove(key);
            }
        }
    }

    private static void IndexAdd(Dictionary<object, HashSet<Uuid>> index, string column, Uuid uuid, OvsdbRow row)
    {
        if (row.Get(column) is not { } key)
            return;
        if (!index.TryGetValue(key, out var set))
            index[key] = set = [];
        set.Add(uuid);
    }
}
