using Ovnk.Ovsdb.Client;
using Ovnk.Ovsdb.Schemas.Northbound;
using Ovnk.TestSupport;

namespace Ovnk.Controller.Tests.Support;

/// <summary>NB oracles: ovn-nbctl reads and an independent monitor that counts every row change (the write counter).</summary>
public static class NbCtl
{
    /// <summary>The names in a table.</summary>
    public static async Task<string[]> NamesAsync(OvsdbServer nb, string table) =>
        (await nb.CtlAsync("ovn-nbctl", "--bare", "--columns=name", "list", table)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>One column of the row named <paramref name="name"/> (ovn-nbctl --bare get).</summary>
    public static async Task<string> GetAsync(OvsdbServer nb, string table, string name, string column) =>
        (await nb.CtlAsync("ovn-nbctl", "--bare", "get", table, name, column)).Trim();

    /// <summary>Counts row changes in the NB from now on, through its own connection and monitor.</summary>
    public static async Task<ChangeCounter> CountChangesAsync(OvsdbServer nb, CancellationToken ct)
    {
        var client = await OvsdbClient.ConnectAsync(nb.UnixRemote, new OvsdbClientOptions(), ct);
        var cache = await client.CreateCacheAsync(OvnNorthboundDatabase.Name, null, ct);
        var counter = new ChangeCounter(client);
        cache.Observe(e => counter.Add($"{e.Kind} {e.Table} {e.Uuid}"));
        return counter;
    }
}

/// <summary>Row changes seen by a monitor; dispose closes its connection.</summary>
public sealed class ChangeCounter(OvsdbClient client) : IAsyncDisposable
{
    private readonly List<string> _changes = [];

    /// <summary>The changes seen so far.</summary>
    public IReadOnlyList<string> Changes { get { lock (_changes) return [.. _changes]; } }

    internal void Add(string change)
    {
        lock (_changes) _changes.Add(change);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => client.DisposeAsync();
}
