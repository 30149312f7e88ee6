using Ovnk.Ovsdb.Cache;
using Ovnk.Ovsdb.Monitoring;
using Ovnk.Ovsdb.Protocol;
using Ovnk.Ovsdb.Schema;

namespace Ovnk.Ovsdb.Client;

/// <summary>
/// A server's own view of its databases, from a monitor on <c>_Server.Database</c> (ovsdb-server(5)). Decides, as the
/// C and Python IDLs do, whether the server may be used: a clustered database must have joined (non-empty schema),
/// be connected to a majority, be the leader in leader-only mode, and not be behind an index we have already seen.
/// </summary>
internal sealed class ServerState(bool leaderOnly, Func<long> highestIndexSeen, Action<string> onUnusable) : IMonitorListener
{
    /// <summary>The monitored columns of <c>_Server.Database</c> (schema 1.2.0), so the shared cache applies diffs.</summary>
    private static readonly TableSchema DatabaseTable = new("Database", new[]
    {
        Column("name", AtomicType.String, 1), Column("model", AtomicType.String, 1),
        Column("connected", AtomicType.Boolean, 1), Column("leader", AtomicType.Boolean, 1),
        Column("schema", AtomicType.String, 0), Column("index", AtomicType.Integer, 0),
    }.ToDictionary(c => c.Name, StringComparer.Ordinal), IsRoot: true, MaxRows: null, Indexes: []);

    private readonly object _lock = new();
    private readonly TableCache _rows = new(DatabaseTable, new object());

    /// <summary>The monitored columns, for the monitor request.</summary>
    public static IReadOnlyList<string> Columns { get; } = [.. DatabaseTable.Columns.Keys];

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
                _rows.Apply(row);
            problem = Evaluate();
        }
        if (problem is not null)
            onUnusable(problem);
    }

    private static ColumnSchema Column(string name, AtomicType type, long min) =>
        new(name, new ColumnType(new BaseType(type), null, min, 1), Ephemeral: false, Mutable: true);

    private string? Evaluate()
    {
        var minIndex = highestIndexSeen();
        Disconnected = false;
        Problem = null;
        foreach (var (_, row) in _rows.Rows().Where(r => r.Row.GetString("model") == "clustered"))
        {
            var name = row.GetString("name");
            var index = _rows.ValueOf(row, "index") is OvsdbSet { Count: 1 } set ? (long)set[0] : 0L;
            Index = Math.Max(Index, index);
            var connected = _rows.ValueOf(row, "connected") is true;
            Disconnected |= !connected;
            Problem ??= _rows.ValueOf(row, "schema") is OvsdbSet { Count: 0 } ? $"{name} has not yet joined the cluster"
                : !connected ? $"{name} is disconnected from its cluster (no majority)"
                : leaderOnly && _rows.ValueOf(row, "leader") is not true ? $"{name} is not the cluster leader"
                : index < minIndex ? $"{name} has stale data (index {index} < {minIndex} seen before)"
                : null;
        }
        return Problem;
    }
}
