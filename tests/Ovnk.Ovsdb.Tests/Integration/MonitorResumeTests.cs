using Ovnk.Ovsdb.Client;
using Ovnk.Ovsdb.Monitoring;

namespace Ovnk.Ovsdb.Tests.Integration;

/// <summary>monitor_cond_since resumption, against a clustered database (the only kind with transaction history).</summary>
public sealed class MonitorResumeTests(ClusteredNbServerFixture nb) : IClassFixture<ClusteredNbServerFixture>
{
    private Task<OvsdbClient> ConnectAsync() => OvsdbClient.ConnectAsync(nb.Server.UnixRemote, Nb.Options, Nb.Bounded());

    [Fact]
    public async Task MonitorCondSince_WithLastTransactionId_ResumesWithoutAFullDump()
    {
        await using var writer = await ConnectAsync();
        var cache = await writer.CreateCacheAsync(Nb.Db, ["Logical_Switch"], Nb.Bounded());
        await Nb.AddSwitchAsync(writer, Nb.Unique("ls"));
        var lastId = cache.LastTransactionId;
        Assert.NotNull(lastId);

        // While "disconnected", one more change happens; a resumed monitor must get exactly that one.
        var missed = Nb.Unique("ls-missed");
        await nb.Server.CtlAsync("ovn-nbctl", "ls-add", missed);
        await using var again = await ConnectAsync();
        var listener = new RecordingListener();
        var monitor = await again.MonitorAsync(Nb.Db, [new MonitorTable("Logical_Switch")], listener,
            MonitorFlavor.MonitorCondSince, lastId, Nb.Bounded());
        Assert.True(monitor.Resumed);
        Assert.False(listener.Updates[0].ClearFirst);
        var row = Assert.Single(listener.Updates[0].Rows);
        Assert.Equal(missed, row.New!.GetString("name"));
    }
}
