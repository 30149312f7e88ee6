using Ovnk.Ovsdb.Cache;
using Ovnk.Ovsdb.Client;

namespace Ovnk.Bench.Controller;

/// <summary>An independent NB monitor: counts the benchmark's pod ports and every row change (the write counter).</summary>
internal sealed class NbWatch : IAsyncDisposable
{
    private readonly OvsdbClient _client;
    private readonly DatabaseCache _cache;
    private long _changes;

    private NbWatch(OvsdbClient client, DatabaseCache cache)
    {
        _client = client;
        _cache = cache;
        cache.Observe(_ => Interlocked.Increment(ref _changes));
    }

    public long Changes => Interlocked.Read(ref _changes);

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
}
