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
    /// Starts a monitor (RFC 7047 §4.1.5, ovsdb-server(7) §4.1.12/§4.1.15). The initial rows reach
    /// <paramref name="listener"/> before this returns; later commits arrive in order on the read loop.
    /// With <see cref="MonitorFlavor.MonitorCondSince"/> and <paramref name="lastTransactionId"/>, the server sends
    /// only what changed since that transaction if it still has it (<see cref="OvsdbMonitor.Resumed"/>).
    /// </summary>
    public async Task<OvsdbMonitor> MonitorAsync(string database, IReadOnlyList<MonitorTable> tables,
        IMonitorListener listener, MonitorFlavor flavor = MonitorFlavor.MonitorCondSince, string? lastTransactionId = null,
        CancellationToken cancellationToken = default)
    {
        var id = $"m{Interlocked.Increment(ref _nextMonitor)}";
        var monitor = new OvsdbMonitor(id, database, flavor, listener);
        _monitors[id] = monitor;
        var method = flavor switch
        {
            MonitorFlavor.Monitor => "monitor",
            MonitorFlavor.MonitorCond => "monitor_cond",
            _ => "monitor_cond_since",
        };
        try
        {
            using var reply = await _connection.CallAsync(method, w => MonitorRequestWriter.Write(w, database, id, tables,
                flavor, lastTransactionId), cancellationToken);
            monitor.Start(_connection.Parse(reply, method, r => ParseInitial(monitor, r)));
            return monitor;
        }
        catch
        {
            _monitors.TryRemove(id, out _);
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
        using var reply = await _connection.CallAsync("monitor_cancel",
            w => { w.WriteStartArray(); w.WriteStringValue(monitor.Id); w.WriteEndArray(); }, cancellationToken);
        _monitors.TryRemove(monitor.Id, out _);
    }

    /// <summary>
    /// <c>monitor_cond_change</c> (ovsdb-server(7) §4.1.13): replaces the where clauses of a monitor_cond(_since)
    /// monitor. Rows that start or stop matching arrive as inserts and deletes before this returns.
    /// </summary>
    public async Task ChangeMonitorConditionAsync(OvsdbMonitor monitor, IReadOnlyList<MonitorTable> tables,
        CancellationToken cancellationToken = default)
    {
        using var reply = await _connection.CallAsync("monitor_cond_change",
            w => MonitorRequestWriter.WriteConditionChange(w, monitor.Id, tables), cancellationToken);
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

    /// <inheritdoc/>
    void Ovnk.Ovsdb.JsonRpc.IJsonRpcNotificationHandler.OnNotification(string method, JsonElement parameters)
    {
        switch (method)
        {
            case "update" or "update2" or "update3":
                OnMonitorNotification(method, parameters);
                break;
            case "monitor_canceled":
                if (_monitors.TryRemove(parameters[0].GetString() ?? "", out var canceled))
                    canceled.Canceled = true;
                break;
            case "locked" or "stolen":
                OnLockNotification(method, parameters[0].GetString()!);
                break;
        }
    }

    /// <inheritdoc/>
    void Ovnk.Ovsdb.JsonRpc.IJsonRpcNotificationHandler.OnClosed(Exception? reason)
    {
        foreach (var pending in _locks.Values)
            pending.TrySetException(new OvsdbConnectionException("the connection closed before the lock was granted", reason));
    }
}
