using System.Collections.Concurrent;
using Ovnk.Ovsdb.Cache;
using Ovnk.Ovsdb.Client;
using Ovnk.Ovsdb.Monitoring;

namespace Ovnk.Bench.Controller;

/// <summary>
/// An independent NB monitor: counts the benchmark's pod ports and every row change (the write counter), and which
/// table and columns each change touched (<see cref="ChangedColumns"/>), so a write can be told apart from
/// ovn-northd's own NB writes (<c>Logical_Switch_Port.up</c>, <c>NB_Global</c>'s <c>*_cfg</c> columns).
/// </summary>
internal sealed class NbWatch : IAsyncDisposable
{
    /// <summary>The NB columns ovn-northd writes: not the controller's writes.</summary>
    private static readonly HashSet<(string Table, string Column)> NorthdColumns =
    [
        ("Logical_Switch_Port", "up"), ("Logical_Switch_Port", "dynamic_addresses"),
        ("NB_Global", "sb_cfg"), ("NB_Global", "hv_cfg"), ("NB_Global", "sb_cfg_timestamp"), ("NB_Global", "hv_cfg_timestamp"),
        ("NB_Global", "nb_cfg_timestamp"), ("NB_Global", "options"), ("Logical_Router_Port", "status"),
    ];

    private readonly OvsdbClient _client;
    private readonly DatabaseCache _cache;
    private readonly ConcurrentDictionary<string, long> _columns = new(StringComparer.Ordinal);
    private long _changes;
    private long _northdChanges;

    private NbWatch(OvsdbClient client, DatabaseCache cache)
    {
        _client = client;
        _cache = cache;
        cache.Observe(OnChange);
    }

    /// <summary>Every row change seen.</summary>
    public long Changes => Interlocked.Read(ref _changes);

    /// <summary>Row changes that touched only columns ovn-northd writes.</summary>
    public long NorthdChanges => Interlocked.Read(ref _northdChanges);

    /// <summary>Changes per "kind table.column" since the start (or the last <see cref="ResetColumns"/>).</summary>
    public IReadOnlyDictionary<string, long> ChangedColumns => _columns;

    public void ResetColumns() => _columns.Clear();

    public static async Task<NbWatch> StartAsync(string remote, CancellationToken ct)
    {
        var client = await OvsdbClient.ConnectAsync(remote, new OvsdbClientOptions(), ct);
        return new NbWatch(client, await client.CreateCacheAsync("OVN_Northbound", null, ct));
    }

    public int PodPorts(string prefix) =>
        _cache.Table("Logical_Switch_Port").Rows().Count(r => r.Row.GetString("name")?.StartsWith(prefix, StringComparison.Ordinal) == true);

    public int GatewayRouters() =>
        _cache.Table("Logical_Router").Rows().Count(r => r.Row.GetString("name")?.StartsWith("GR_", StringComparison.Ordinal) == true);

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    private void OnChange(CacheEvent e)
    {
        Interlocked.Increment(ref _changes);
        if (e.Kind != RowUpdateKind.Modify || e.Old is null || e.New is null)
        {
            _columns.AddOrUpdate($"{e.Kind} {e.Table}", 1, (_, n) => n + 1);
            return;
        }
        var changed = e.New.Keys.Union(e.Old.Keys) // _version changes with every write: not a column anyone wrote
            .Where(c => c != "_version" && !Equals(e.Old.Get(c), e.New.Get(c))).ToArray();
        foreach (var column in changed)
            _columns.AddOrUpdate($"modify {e.Table}.{column}", 1, (_, n) => n + 1);
        if (changed.Length > 0 && changed.All(c => NorthdColumns.Contains((e.Table, c))))
            Interlocked.Increment(ref _northdChanges);
    }
}
