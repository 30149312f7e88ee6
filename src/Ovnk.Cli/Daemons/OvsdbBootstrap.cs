using Ovnk.Ovsdb;
using Ovnk.Ovsdb.Client;
using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Protocol;
using Ovnk.Ovsdb.Schemas.Vswitch;
using Nb = Ovnk.Ovsdb.Schemas.Northbound;
using Sb = Ovnk.Ovsdb.Schemas.Southbound;

namespace Ovnk.Cli.Daemons;

/// <summary>
/// The database writes ovs-ctl and ovn-ctl make right after starting ovsdb-server, done over OVSDB (no CLI):
/// the Open_vSwitch root row, and the NB/SB Connection row that makes ovsdb-server listen on TCP.
/// </summary>
internal static class OvsdbBootstrap
{
    private static readonly OvsdbClientOptions ClientOptions = new()
    {
        LeaderOnly = false, Reconnect = false, ConnectTimeout = TimeSpan.FromSeconds(10), TransactionTimeout = TimeSpan.FromSeconds(30),
    };

    public static async Task RunAsync(BootstrapAction action, CancellationToken cancellationToken)
    {
        var remote = action switch { InitOpenVswitch i => i.Remote, ListenConnection l => l.Remote, _ => throw new ArgumentOutOfRangeException(nameof(action)) };
        try
        {
            await using var client = await OvsdbClient.ConnectAsync(remote, ClientOptions, cancellationToken);
            if (action is InitOpenVswitch)
                await InitOpenVswitchAsync(client, cancellationToken);
            else if (action is ListenConnection listen)
                await ListenAsync(client, listen, cancellationToken);
        }
        catch (OvsdbException e)
        {
            throw new DaemonException($"setting up the database at {remote} failed: {e.Message} (see the ovsdb-server log above)", e);
        }
    }

    /// <summary>
    /// Polls (every second, reconnecting as needed, until cancelled) for the condition of <paramref name="action"/>;
    /// logs what it waits for every 30 s so a stuck start is visible in the container log.
    /// </summary>
    public static async Task AwaitAsync(BootstrapAction action, Action<string> log, CancellationToken cancellationToken)
    {
        if (action is not AwaitSystemId wait)
            throw new ArgumentOutOfRangeException(nameof(action));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var nextLog = TimeSpan.Zero;
        while (true)
        {
            string? problem;
            try
            {
                await using var client = await OvsdbClient.ConnectAsync(wait.Remote, ClientOptions, cancellationToken);
                var rows = await SelectAsync(client, OpenVSwitchDatabase.Name, OpenVSwitch.TableName, ["_uuid", "external_ids"], cancellationToken);
                if (rows.Count > 0 && OpenVSwitch.FromRow((Uuid)rows[0]["_uuid"], rows[0]).ExternalIds.TryGetValue("system-id", out var id) && id.Length > 0)
                    return;
                problem = "no external_ids:system-id yet (the node agent, ovnkube-node, writes it)";
            }
            catch (Exception e) when (e is OvsdbException or IOException or System.Net.Sockets.SocketException)
            {
                problem = $"{wait.Remote} does not answer ({e.Message}); is ovs-node running on this node?";
            }
            if (watch.Elapsed >= nextLog)
            {
                log($"waiting before starting ovn-controller: {problem}");
                nextLog = watch.Elapsed + TimeSpan.FromSeconds(30);
            }
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    private static async Task InitOpenVswitchAsync(OvsdbClient client, CancellationToken cancellationToken)
    {
        var rows = await SelectAsync(client, OpenVSwitchDatabase.Name, OpenVSwitch.TableName, ["_uuid"], cancellationToken);
        if (rows.Count > 0)
            return;
        var tx = new TransactionBuilder();
        tx.RequireAbsent(OpenVSwitch.TableName, []); // like `ovs-vsctl init`: never a second root row
        tx.Insert(OpenVSwitch.TableName, new OpenVSwitch().ToRow());
        try
        {
            await client.TransactAsync(OpenVSwitchDatabase.Name, tx, cancellationToken);
        }
        catch (OvsdbException)
        {
            // The guard failed: a root row appeared between the select and this transaction. Seen once in a lab run
            // (the container then restarted); which client wrote it was not identified. The row we wanted exists.
            var again = await SelectAsync(client, OpenVSwitchDatabase.Name, OpenVSwitch.TableName, ["_uuid"], cancellationToken);
            if (again.Count == 0) throw;
        }
    }

    private static async Task ListenAsync(OvsdbClient client, ListenConnection listen, CancellationToken cancellationToken)
    {
        var nb = listen.Database == OvnDatabaseKind.Northbound;
        var database = nb ? Nb.OvnNorthboundDatabase.Name : Sb.OvnSouthboundDatabase.Name;
        var globalTable = nb ? Nb.NbGlobal.TableName : Sb.SbGlobal.TableName;
        var globals = await SelectAsync(client, database, globalTable, ["_uuid", "connections"], cancellationToken);
        var connections = await SelectAsync(client, database, "Connection", ["_uuid", "target", "inactivity_probe"], cancellationToken);
        var current = new List<(string, long?)>();
        if (globals.Count > 0)
        {
            var uuid = (Uuid)globals[0]["_uuid"];
            var refs = nb ? Nb.NbGlobal.FromRow(uuid, globals[0]).Connections.Select(r => r.Uuid) : Sb.SbGlobal.FromRow(uuid, globals[0]).Connections.Select(r => r.Uuid);
            foreach (var row in connections.Where(r => refs.Contains((Uuid)r["_uuid"])))
            {
                var id = (Uuid)row["_uuid"];
                current.Add(nb ? Pair(Nb.Connection.FromRow(id, row)) : Pair(Sb.Connection.FromRow(id, row)));
            }
        }
        if (!ConnectionPlan.NeedsWrite(globals.Count > 0, current, listen.Target, listen.InactivityProbeMs))
            return;
        var tx = new TransactionBuilder();
        OvsdbRow globalRow;
        if (nb)
        {
            var conn = tx.Insert(Nb.Connection.TableName, new Nb.Connection { Target = listen.Target, InactivityProbe = listen.InactivityProbeMs }.ToRow());
            globalRow = new Nb.NbGlobal { Connections = new([Ovnk.Ovsdb.Schemas.Typed.RowRef<Nb.Connection>.Named(conn.Name)]) }.ToRow();
        }
        else
        {
            var conn = tx.Insert(Sb.Connection.TableName, new Sb.Connection { Target = listen.Target, InactivityProbe = listen.InactivityProbeMs }.ToRow());
            globalRow = new Sb.SbGlobal { Connections = new([Ovnk.Ovsdb.Schemas.Typed.RowRef<Sb.Connection>.Named(conn.Name)]) }.ToRow();
        }
        // The old Connection rows are not roots: dropping the references garbage-collects them (RFC 7047 §3.2).
        if (globals.Count > 0)
            tx.Update(globalTable, [Condition.ByUuid((Uuid)globals[0]["_uuid"])], globalRow);
        else
            tx.Insert(globalTable, globalRow);
        await client.TransactAsync(database, tx, cancellationToken);
    }

    private static (string, long?) Pair(Nb.Connection c) => (c.Target, c.InactivityProbe);

    private static (string, long?) Pair(Sb.Connection c) => (c.Target, c.InactivityProbe);

    private static async Task<IReadOnlyList<OvsdbRow>> SelectAsync(OvsdbClient client, string database, string table, string[] columns, CancellationToken cancellationToken)
    {
        var results = await client.TransactAsync(database, [new Select(table, [], columns)], cancellationToken);
        return results[0].Rows ?? [];
    }
}
