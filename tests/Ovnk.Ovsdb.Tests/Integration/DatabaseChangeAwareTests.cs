using Ovnk.Ovsdb.Client;
using Ovnk.Ovsdb.Monitoring;
using Ovnk.TestSupport;

namespace Ovnk.Ovsdb.Tests.Integration;

/// <summary>set_db_change_aware (ovsdb-server(7) §4.1.18): a removed database cancels monitors, the session stays.</summary>
public sealed class DatabaseChangeAwareTests
{
    [Fact]
    public async Task DatabaseRemoved_MonitorIsCanceled_AndTheConnectionStays()
    {
        await using var server = await OvsdbServer.StartAsync();
        await using var client = await OvsdbClient.ConnectAsync(server.UnixRemote, Nb.Options, Nb.Bounded());
        var reconnects = 0;
        client.Reconnected += _ => Interlocked.Increment(ref reconnects);
        await client.SetDatabaseChangeAwareAsync(true, Nb.Bounded());
        var monitor = await client.MonitorAsync(Nb.Db, [new MonitorTable("Logical_Switch")], new RecordingListener(),
            MonitorFlavor.MonitorCond, cancellationToken: Nb.Bounded());

        (await Proc.RunAsync("ovs-appctl", ["-t", server.Directory.File("ctl"), "ovsdb-server/remove-db", Nb.Db])).EnsureSuccess("remove-db");

        using var cts = new CancellationTokenSource(Nb.Timeout);
        while (!monitor.Canceled)
            await Task.Delay(20, cts.Token);
        var dbs = await client.ListDatabasesAsync(Nb.Bounded());
        Assert.DoesNotContain(Nb.Db, dbs);
        Assert.Equal(0, reconnects);
    }
}
