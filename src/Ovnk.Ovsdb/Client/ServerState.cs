using Ovnk.Ovsdb.Monitoring;
using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Client;

/// <summary>
/// A server's own view of its databases, from a monitor on <c>_Server.Database</c> (ovsdb-server(5)). Decides, as the
/// C and Python IDLs do, whether the server may be used: a clustered database must have joined (non-empty schema),
/// be connected to a majority, be the leader in leader-only mode, and not be behind an index we have already seen.
/// </summary>
internal sealed class ServerState(bool leaderOnly, Func<long> highestIndexSeen, Action<string> onUnusable) : IMonitorListener
{
    private readonly Dictionary<Uuid, OvsdbRow> _rows = [];
    private readonly object _lock = new();

    /// <summary>The highest Raft index any clustered database on this server reported.</summary>
    public long Index { get; private set; }

    /// <summary>True when a clustered database is cut off from its majority: reads are stale, writes cannot commit.</summary>
    public bool Disconnected { get; private set; }

    /// <summary>Why the server cannot be used, or null.</summary>
    public string? Problem { get; private set; }

    public void OnUpdate(MonitorUpdate update)
    {
        string? problem;
        lock (_lock)
        {
            if (update.ClearFirst)
                _rows.Clear();
            foreach (var row in update.Rows)
            {
                if (row.Kind == RowUpdateKind.Delete)
                    _rows.Remove(row.Uuid);
                else if (row.New is not null)
                    _rows[row.Uuid] = Normalize(row.New);
                else if (row.Diff is not null && _rows.TryGetValue(row.Uuid, out var old))
                    _rows[row.Uuid] = ApplyDiff(old, row.Diff);
            }
            problem = Evaluate();
        }
        if (problem is not null)
            onUnusable(problem);
    }

    /// <summary>_Server.Database's optional columns (min 0, max 1), kept as sets so update2 diffs apply.</summary>
    private static readonly string[] OptionalColumns = ["index", "schema", "cid", "sid"];

    /// <summary>The type of those columns, for applying diffs (the atom type does not matter here).</summary>
    private static readonly Schema.ColumnType Optional = new(new Schema.BaseType(Schema.AtomicType.String), null, 0, 1);

    private static OvsdbRow Normalize(OvsdbRow row) => new(row.Select(c =>
        new KeyValuePair<string, object>(c.Key, OptionalColumns.Contains(c.Key) && c.Value is not OvsdbSet ? OvsdbSet.Of(c.Value) : c.Value)));

    /// <summary>An update2 modify: the new value for scalars, the symmetric difference for optional columns.</summary>
    private static OvsdbRow ApplyDiff(OvsdbRow old, OvsdbRow diff)
    {
        var result = old.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        foreach (var (column, change) in Normalize(diff))
            result[column] = OptionalColumns.Contains(column) ? Optional.ApplyDiff(old.GetSet(column), change) : change;
        return new OvsdbRow(result);
    }

    private string? Evaluate()
    {
        var minIndex = highestIndexSeen();
        Disconnected = false;
        Problem = null;
        foreach (var row in _rows.Values.Where(r => r.GetString("model") == "clustered"))
        {
            var name = row.GetString("name");
            var index = row.Get("index") switch { long l => l, OvsdbSet { Count: 1 } s => (long)s[0], _ => 0L };
            Index = Math.Max(Index, index);
            var connected = row.Get("connected") is true;
            Disconnected |= !connected;
            Problem ??= row.GetSet("schema") is { Count: 0 } || row.GetString("schema") == "" ? $"{name} has not yet joined the cluster"
                : !connected ? $"{name} is disconnected from its cluster (no majority)"
                : leaderOnly && row.Get("leader") is not true ? $"{name} is not the cluster leader"
                : index < minIndex ? $"{name} has stale data (index {index} < {minIndex} seen before)"
                : null;
        }
        return Problem;
    }
}
