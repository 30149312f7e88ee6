using System.Collections.Concurrent;
using System.Text.Json;
using Ovnk.Ovsdb.Cache;
using Ovnk.Ovsdb.Monitoring;

namespace Ovnk.Ovsdb.Client;

public sealed partial class OvsdbClient
{
    private readonly ConcurrentDictionary<string, OvsdbMonitor> _monitors = new();
    private long _nextMonitor;

    /// <summary>
    /// Starts a monitor (RFC 7047 §4.1.5, ovsdb-server(7) §4.1.12/§4.1.15) that lives across reconnects. The initial
    /// rows reach <paramref name="listener"/> before this returns; later commits arrive in order on the read loop.
    /// With <see cref="MonitorFlavor.MonitorCondSince"/> and <paramref name="lastTransactionId"/>, the server sends
    /// only what changed since that transaction if it still has it (<see cref="OvsdbMonitor.Resumed"/>).
    /// </summary>
    public async Task<OvsdbMonitor> MonitorAsync(string database, IReadOnlyList<MonitorTable> tables,
        IMonitorListener listener, MonitorFlavor flavor = MonitorFlavor.MonitorCondSince, string? lastTransactionId = null,
        CancellationToken cancellationToken = default)
    {
        var monitor = new OvsdbMonitor(NewMonitorId(), database, flavor, listener, tables);
        var session = await SessionAsync(cancellationToken);
        _monitors[monitor.Id] = monitor;
        try
        {
            await StartMonitorAsync(session, monitor, lastTransactionId, cancellationToken);
            return monitor;
        }
        catch
        {
            _monitors.TryRemove(monitor.Id, out _);
            throw;
        }
    }

    /// <summary>
    /// Fetches the schema and starts a <c>monitor_cond_since</c> of <paramref name="tables"/> (every table when null)
    /// into a new <see cref="DatabaseCache"/>.
    /// </summary>
    public async Task<DatabaseCache> CreateCacheAsync(string database, IReadOnlyList<string>? tables = null,
        CancellationToken cancellationToken = default)
    {
        var schema = await GetSchemaAsync(database, cancellationToken);
        var cache = new DatabaseCache(schema);
        var requests = (tables ?? schema.Tables.Keys.ToArray()).Select(t => new MonitorTable(t)).ToArray();
        await MonitorAsync(database, requests, cache, MonitorFlavor.MonitorCondSince, null, cancellationToken);
        return cache;
    }

    /// <summary><c>monitor_cancel</c> (RFC 7047 §4.1.7).</summary>
    public async Task CancelMonitorAsync(OvsdbMonitor monitor, CancellationToken cancellationToken = default)
    {
        _monitors.TryRemove(monitor.Id, out _);
        await CallAsync("monitor_cancel", w => WriteArray(w, monitor.Id), _ => true, cancellationToken);
    }

    /// <summary>
    /// <c>monitor_cond_change</c> (ovsdb-server(7) §4.1.13): replaces the where clauses of a monitor_cond(_since)
    /// monitor. Rows that start or stop matching arrive as inserts and deletes before this returns.
    /// </summary>
    public async Task ChangeMonitorConditionAsync(OvsdbMonitor monitor, IReadOnlyList<MonitorTable> tables,
        CancellationToken cancellationToken = default)
    {
        await CallAsync("monitor_cond_change", w => MonitorRequestWriter.WriteConditionChange(w, monitor.Id, tables),
            _ => true, cancellationToken);
        monitor.Tables = monitor.Tables.Select(t => tables.FirstOrDefault(n => n.Table == t.Table) is { } n
            ? t with { Where = n.Where } : t).ToArray();
    }

    private string NewMonitorId() => $"m{Interlocked.Increment(ref _nextMonitor)}";

    private static async Task StartMonitorAsync(OvsdbSession session, OvsdbMonitor monitor, string? lastTransactionId,
        CancellationToken cancellationToken)
    {
        var method = monitor.Flavor switch
        {
            MonitorFlavor.Monitor => "monitor",
            MonitorFlavor.MonitorCond => "monitor_cond",
            _ => "monitor_cond_since",
        };
        using var reply = await session.Connection.CallAsync(method, w => MonitorRequestWriter.Write(w, monitor.Database,
            monitor.Id, monitor.Tables, monitor.Flavor, lastTransactionId), cancellationToken);
        monitor.Start(session.Connection.Parse(reply, method, r => ParseInitial(monitor, r)) with
        {
            Tables = monitor.Tables.Select(t => t.Table).ToArray(),
        });
    }

    /// <summary>Re-establishes every monitor on a new session, each under a new id, resuming where it can.</summary>
    private async Task ResubscribeAsync(OvsdbSession session, CancellationToken cancellationToken)
    {
        foreach (var monitor in _monitors.Values.Distinct().ToArray())
        {
            _monitors.TryRemove(monitor.Id, out _);
            monitor.Restart(NewMonitorId());
            _monitors[monitor.Id] = monitor;
            await StartMonitorAsync(session, monitor, monitor.LastTransactionId, cancellationToken);
        }
    }

    private static MonitorUpdate ParseInitial(OvsdbMonitor monitor, JsonElement result)
    {
        switch (monitor.Flavor)
        {
            case MonitorFlavor.Monitor:
                return new MonitorUpdate(true, UpdateParser.ParseV1(result, initial: true), null);
            case MonitorFlavor.MonitorCond:
                return new MonitorUpdate(true, UpdateParser.ParseV2(result), null);
            default:
                // [found, last-txn-id, table-updates2]; found=false means a full dump: clear first.
                var found = result[0].GetBoolean();
                monitor.Resumed = found;
                return new MonitorUpdate(!found, UpdateParser.ParseV2(result[2]), result[1].GetString());
        }
    }

    private void OnMonitorNotification(string method, JsonElement parameters)
    {
        if (!_monitors.TryGetValue(parameters[0].GetString() ?? "", out var monitor))
            return; // a monitor we cancelled
        var update = method switch
        {
            "update" => new MonitorUpdate(false, UpdateParser.ParseV1(parameters[1], initial: false), null),
            "update2" => new MonitorUpdate(false, UpdateParser.ParseV2(parameters[1]), null),
            _ => new MonitorUpdate(false, UpdateParser.ParseV2(parameters[2]), parameters[1].GetString()),
        };
        monitor.Deliver(update);
    }
}
