using Ovnk.Ovsdb.Cache;
using Ovnk.Ovsdb.Client;
using Ovnk.Ovsdb.Monitoring;
using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Schemas.Typed;
using Ovnk.Ovsdb.Schemas.Vswitch;

namespace Ovnk.Node.Ovs;

/// <summary>
/// The node's Open_vSwitch database: one connection and a monitored cache of the columns the agent reads (not the
/// statistics ovs-vswitchd rewrites every few seconds). Writes go through <see cref="TransactAsync"/>; the cache has
/// them when it returns. <see cref="WaitUntilAsync"/> is watch-driven: it re-checks only when the monitor delivers.
/// </summary>
public sealed class VswitchDb : IAsyncDisposable
{
    private static readonly MonitorTable[] Tables =
    [
        new(OpenVSwitch.TableName, [OpenVSwitch.Columns.ExternalIds, OpenVSwitch.Columns.Bridges, OpenVSwitch.Columns.OtherConfig]),
        new(Bridge.TableName, [Bridge.Columns.Name, Bridge.Columns.Ports, Bridge.Columns.DatapathType, Bridge.Columns.FailMode,
            Bridge.Columns.OtherConfig, Bridge.Columns.ExternalIds]),
        new(Port.TableName, [Port.Columns.Name, Port.Columns.Interfaces, Port.Columns.OtherConfig]),
        new(Interface.TableName, [Interface.Columns.Name, Interface.Columns.Type, Interface.Columns.ExternalIds, Interface.Columns.Ofport,
            Interface.Columns.Mac, Interface.Columns.MtuRequest, Interface.Columns.Error]),
    ];

    private readonly ChangeSignal signal = new();

    private VswitchDb(OvsdbClient client, DatabaseCache cache)
    {
        Client = client;
        Cache = cache;
        cache.AddIndex(Interface.TableName, Interface.Columns.Name);
        cache.AddIndex(Port.TableName, Port.Columns.Name);
        cache.AddIndex(Bridge.TableName, Bridge.Columns.Name);
        cache.Observe(_ => signal.Pulse());
    }

    public OvsdbClient Client { get; }

    public DatabaseCache Cache { get; }

    /// <summary>True while the connection is down (STATUS answers "not ready").</summary>
    public bool IsStale => Client.IsStale;

    /// <summary>Connects to <paramref name="remote"/> (e.g. <c>unix:/var/run/openvswitch/db.sock</c>) and loads the cache.</summary>
    public static async Task<VswitchDb> ConnectAsync(string remote, CancellationToken cancellationToken)
    {
        var client = await OvsdbClient.ConnectAsync(remote, new OvsdbClientOptions { LeaderOnly = false, TransactionTimeout = TimeSpan.FromSeconds(20) }, cancellationToken);
        try
        {
            var schema = await client.GetSchemaAsync(OpenVSwitchDatabase.Name, cancellationToken);
            var cache = new DatabaseCache(schema);
            var db = new VswitchDb(client, cache);
            await client.MonitorAsync(OpenVSwitchDatabase.Name, Tables, cache, MonitorFlavor.MonitorCond, cancellationToken: cancellationToken);
            return db;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>The root row, or null before <c>ovs-vsctl init</c> / ovs-vswitchd created it.</summary>
    public OpenVSwitch? Root => Cache.Rows<OpenVSwitch>().FirstOrDefault();

    public Bridge? FindBridge(string name) => Find<Bridge>(Bridge.TableName, Bridge.Columns.Name, name);

    public Port? FindPort(string name) => Find<Port>(Port.TableName, Port.Columns.Name, name);

    public Interface? FindInterface(string name) => Find<Interface>(Interface.TableName, Interface.Columns.Name, name);

    /// <summary>Interfaces whose external_ids has <paramref name="key"/> = <paramref name="value"/>.</summary>
    public IReadOnlyList<Interface> InterfacesWith(string key, string value) =>
        [.. Cache.Rows<Interface>().Where(i => i.ExternalIds.TryGetValue(key, out var v) && v == value)];

    /// <summary>The bridge whose ports include the port named <paramref name="portName"/>.</summary>
    public Bridge? BridgeOfPort(string portName) =>
        FindPort(portName) is { } port ? Cache.Rows<Bridge>().FirstOrDefault(b => b.Ports.Contains(port.Uuid)) : null;

    public Task<IReadOnlyList<OperationResult>> TransactAsync(TransactionBuilder transaction, CancellationToken cancellationToken) =>
        Client.TransactAsync(OpenVSwitchDatabase.Name, transaction, cancellationToken);

    /// <summary>Completes on the next monitor update (take it before reading the cache, then await it).</summary>
    public Task Changed => signal.Next;

    /// <summary>Waits until <paramref name="condition"/> holds on the cache, re-checking on every monitor update.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            var next = signal.Next;
            if (condition()) return;
            await next.WaitAsync(cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => Client.DisposeAsync();

    private T? Find<T>(string table, string column, string name)
        where T : class, IOvsdbRecord<T> =>
        Cache.Table(table).Lookup(column, name) is [var (uuid, row), ..] ? T.FromRow(uuid, row) : null;
}
