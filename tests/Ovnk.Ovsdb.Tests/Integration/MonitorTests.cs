using Ovnk.Ovsdb.Client;
using Ovnk.Ovsdb.Monitoring;
using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Tests.Integration;

/// <summary>Every monitor flavour against a real ovsdb-server; changes made by ovn-nbctl (the oracle) and by us.</summary>
public sealed class MonitorTests(NbServerFixture nb) : IClassFixture<NbServerFixture>
{
    private Task<OvsdbClient> ConnectAsync() => OvsdbClient.ConnectAsync(nb.Server.UnixRemote, Nb.Options, Nb.Bounded());

    [Theory]
    [InlineData("monitor (update)", MonitorFlavor.Monitor)]
    [InlineData("monitor_cond (update2)", MonitorFlavor.MonitorCond)]
    [InlineData("monitor_cond_since (update3)", MonitorFlavor.MonitorCondSince)]
    public async Task Monitor_ReportsInitialInsertModifyDelete(string name, MonitorFlavor flavor)
    {
        Assert.NotNull(name);
        await using var client = await ConnectAsync();
        var before = Nb.Unique("ls");
        await Nb.AddSwitchAsync(client, before);
        var listener = new RecordingListener();
        await client.MonitorAsync(Nb.Db, [new MonitorTable("Logical_Switch", ["name", "other_config"])], listener, flavor,
            cancellationToken: Nb.Bounded());
        Assert.True(listener.Updates[0].ClearFirst);
        Assert.Contains(listener.Updates[0].Rows, r => r.Kind == RowUpdateKind.Initial && r.New!.GetString("name") == before);

        var sw = Nb.Unique("ls");
        await nb.Server.CtlAsync("ovn-nbctl", "ls-add", sw);
        var insert = await listener.WaitForAsync(r => r.Kind == RowUpdateKind.Insert && r.New!.GetString("name") == sw);
        await nb.Server.CtlAsync("ovn-nbctl", "set", "Logical_Switch", sw, "other_config:subnet=10.244.2.0/24");
        var modify = await listener.WaitForAsync(r => r.Kind == RowUpdateKind.Modify && r.Uuid == insert.Uuid);
        var changed = flavor == MonitorFlavor.Monitor ? modify.New! : modify.Diff!;
        Assert.Equal("10.244.2.0/24", changed.GetMap("other_config").GetString("subnet"));
        await nb.Server.CtlAsync("ovn-nbctl", "ls-del", sw);
        await listener.WaitForAsync(r => r.Kind == RowUpdateKind.Delete && r.Uuid == insert.Uuid);
    }

    [Fact]
    public async Task MonitorCond_WhereClause_OnlyMatchingRows_AndConditionChangeMovesRowsInAndOut()
    {
        await using var client = await ConnectAsync();
        var a = Nb.Unique("ls-a");
        var b = Nb.Unique("ls-b");
        await Nb.AddSwitchAsync(client, a);
        await Nb.AddSwitchAsync(client, b);
        var listener = new RecordingListener();
        var monitor = await client.MonitorAsync(Nb.Db, [new MonitorTable("Logical_Switch", ["name"], [Nb.Named(a)])],
            listener, MonitorFlavor.MonitorCond, cancellationToken: Nb.Bounded());
        var initial = Assert.Single(listener.Updates[0].Rows);
        Assert.Equal(a, initial.New!.GetString("name"));

        await client.ChangeMonitorConditionAsync(monitor, [new MonitorTable("Logical_Switch", Where: [Nb.Named(b)])], Nb.Bounded());
        await listener.WaitForAsync(r => r.Kind == RowUpdateKind.Delete && r.Uuid == initial.Uuid);
        await listener.WaitForAsync(r => r.New?.GetString("name") == b);
    }

    [Fact]
    public async Task MonitorCondSince_UnknownTransactionId_FallsBackToAFullDump()
    {
        await using var client = await ConnectAsync();
        var listener = new RecordingListener();
        var monitor = await client.MonitorAsync(Nb.Db, [new MonitorTable("Logical_Switch")], listener,
            MonitorFlavor.MonitorCondSince, Guid.NewGuid().ToString(), Nb.Bounded());
        Assert.False(monitor.Resumed);
        Assert.True(listener.Updates[0].ClearFirst);
    }

    [Fact]
    public async Task Cache_HoldsOurOwnWrite_WhenTransactReturns()
    {
        await using var client = await ConnectAsync();
        var cache = await client.CreateCacheAsync(Nb.Db, ["Logical_Switch", "Logical_Switch_Port"], Nb.Bounded());
        cache.AddIndex("Logical_Switch", "name");
        for (var i = 0; i < 20; i++)
        {
            var sw = Nb.Unique("ls");
            var uuid = await Nb.AddSwitchAsync(client, sw, OvsdbMap.Of(("k8s.ovn.org/owner", "test")));
            var row = cache.Table("Logical_Switch").Get(uuid);
            Assert.NotNull(row); // no waiting: visible on return
            Assert.Equal("test", row.GetMap("external_ids").GetString("k8s.ovn.org/owner"));
            Assert.Equal(uuid, Assert.Single(cache.Table("Logical_Switch").Lookup("name", sw)).Uuid);
        }
    }

    [Fact]
    public async Task Cache_AppliesUpdate2DiffsToSetsAndMaps_AndQueueCoalesces()
    {
        await using var client = await ConnectAsync();
        var cache = await client.CreateCacheAsync(Nb.Db, ["Address_Set"], Nb.Bounded());
        var queue = cache.Subscribe();
        var name = Nb.Unique("as");
        var uuid = (await client.TransactAsync(Nb.Db, [new Insert("Address_Set", new OvsdbRow { ["name"] = name })], Nb.Bounded()))[0].Uuid!.Value;
        for (var i = 1; i <= 10; i++)
        {
            await client.TransactAsync(Nb.Db, [new Mutate("Address_Set", [Condition.ByUuid(uuid)],
            [
                Mutation.Insert("addresses", OvsdbSet.Of($"10.0.0.{i}")),
                Mutation.Insert("external_ids", OvsdbMap.Of(($"k{i}", "v"))),
                Mutation.Delete("external_ids", OvsdbSet.Of($"k{i - 1}")),
            ])], Nb.Bounded());
        }
        var row = cache.Table("Address_Set").Get(uuid)!;
        Assert.Equal(10, row.GetSet("addresses").Count);
        Assert.Equal(OvsdbMap.Of(("k10", "v")), row.GetMap("external_ids"));
        Assert.Equal(1, queue.Count); // eleven changes to one row: one key waiting
        Assert.True(queue.TryDequeue(out var change));
        Assert.Equal(uuid, change.Uuid);
    }

    [Fact]
    public async Task MonitorCancel_StopsUpdates()
    {
        await using var client = await ConnectAsync();
        var listener = new RecordingListener();
        var monitor = await client.MonitorAsync(Nb.Db, [new MonitorTable("Logical_Switch")], listener, cancellationToken: Nb.Bounded());
        await client.CancelMonitorAsync(monitor, Nb.Bounded());
        var count = listener.Updates.Count;
        await Nb.AddSwitchAsync(client, Nb.Unique("ls"));
        await client.EchoAsync(Nb.Bounded()); // a round trip after the insert: any update would have arrived
        Assert.Equal(count, listener.Updates.Count);
    }

    [Fact]
    public async Task TwoMonitorsIntoOneCache_ASecondInitialDumpLeavesTheOtherTablesAlone()
    {
        await using var client = await ConnectAsync();
        var schema = await client.GetSchemaAsync(Nb.Db, Nb.Bounded());
        var cache = new Cache.DatabaseCache(schema);
        var sw = Nb.Unique("ls");
        await Nb.AddSwitchAsync(client, sw);
        await client.MonitorAsync(Nb.Db, [new MonitorTable("Logical_Switch")], cache, cancellationToken: Nb.Bounded());
        var switches = cache.Table("Logical_Switch").Count;
        await client.MonitorAsync(Nb.Db, [new MonitorTable("Address_Set")], cache, cancellationToken: Nb.Bounded());
        Assert.Equal(switches, cache.Table("Logical_Switch").Count);
        Assert.Contains(cache.Table("Logical_Switch").Rows(), r => r.Row.GetString("name") == sw);
    }
}
