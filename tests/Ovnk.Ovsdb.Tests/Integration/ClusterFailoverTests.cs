using System.Diagnostics;
using Ovnk.Ovsdb.Client;
using Ovnk.Ovsdb.Monitoring;
using Ovnk.TestSupport;

namespace Ovnk.Ovsdb.Tests.Integration;

/// <summary>
/// A real 3-member RAFT cluster: the leader is killed during a write loop; quorum is lost and restored. Every test
/// asserts that the fault really happened (the member's pid is gone, the client moved).
/// </summary>
public sealed class ClusterFailoverTests
{
    [Fact]
    public async Task LeaderKilledDuringAThousandTransactions_EveryKeyOnce_ReconnectsWithinFiveSeconds()
    {
        await using var cluster = await OvsdbCluster.StartAsync();
        await using var client = await OvsdbClient.ConnectAsync(cluster.Remote, Nb.FastReconnect, Nb.Bounded());
        var leader = await cluster.LeaderAsync();
        Assert.Equal(cluster.MemberRemote(leader), client.Endpoint.ToString()); // leader-only picked the leader
        var indexes = new List<long>();
        TimeSpan? failover = null;
        for (var i = 0; i < 1000; i++)
        {
            if (i == 300)
            {
                await cluster.KillMemberAsync(leader);
                var clock = Stopwatch.StartNew();
                await GuardedInsert.RunAsync(client, $"k{i}", Nb.Minute());
                failover = clock.Elapsed;
            }
            else
                await GuardedInsert.RunAsync(client, $"k{i}", Nb.Minute());
            indexes.Add(client.ServerIndex);
        }
        Assert.NotEqual(cluster.MemberRemote(leader), client.Endpoint.ToString()); // the fault happened: we moved
        Assert.True(failover < TimeSpan.FromSeconds(5), $"the first write after the kill took {failover}");
        var counts = await GuardedInsert.CountAsync(client, Nb.Bounded());
        Assert.Equal(1000, counts.Count);
        Assert.All(counts, c => Assert.Equal(1, c.Value));
        Assert.Equal(indexes.Order(), indexes); // _Server index never went backwards
        Assert.True(indexes[^1] > indexes[0]);
    }

    [Fact]
    public async Task QuorumLost_WritesFailTransiently_ReadsAreStale_AndTheMonitorResumesAfterRestart()
    {
        await using var cluster = await OvsdbCluster.StartAsync();
        var options = Nb.FastReconnect with { TransactionTimeout = TimeSpan.FromSeconds(3) };
        await using var client = await OvsdbClient.ConnectAsync(cluster.Remote, options, Nb.Bounded());
        var listener = new RecordingListener();
        var monitor = await client.MonitorAsync(Nb.Db, [new MonitorTable("Logical_Switch", ["name"])], listener,
            MonitorFlavor.MonitorCondSince, cancellationToken: Nb.Bounded());
        await GuardedInsert.RunAsync(client, "before", Nb.Bounded());
        Assert.False(client.IsStale);

        var leader = await cluster.LeaderAsync();
        var others = Enumerable.Range(0, 3).Where(i => i != leader).ToArray();
        foreach (var i in others)
            await cluster.KillMemberAsync(i);

        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<OvsdbConnectionException>(() => client.TransactAsync(Nb.Db, GuardedInsert.Build("during"), Nb.Minute()));
        Assert.True(e.IsTransient);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the write failed only after {clock.Elapsed}");
        Assert.True(client.IsStale);

        foreach (var i in others)
            await cluster.StartMemberAsync(i);
        var starts = monitor.Starts;
        await GuardedInsert.RunAsync(client, "after", Nb.Minute());
        await listener.WaitForAsync(r => r.New?.GetString("name") == "after");
        Assert.False(client.IsStale);
        Assert.True(monitor.Starts > starts, "the monitor was re-established");
        Assert.True(monitor.Resumed, "monitor_cond_since found the last transaction: no full dump");
        Assert.DoesNotContain(listener.Updates.Skip(1), u => u.ClearFirst);
    }
}
