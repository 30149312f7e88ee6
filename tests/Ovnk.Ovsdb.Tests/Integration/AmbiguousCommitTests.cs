using Ovnk.Ovsdb.Client;
using Ovnk.TestSupport;

namespace Ovnk.Ovsdb.Tests.Integration;

/// <summary>
/// Transactions whose outcome the client cannot know (ovsdb(7): at-least-once delivery in a RAFT cluster) are
/// resolved through the guarded-insert pattern without a duplicate; each test asserts the fault really happened.
/// </summary>
public sealed class AmbiguousCommitTests
{
    [Fact]
    public async Task LeaderSigkilledDuringABurstOf64PipelinedTransactions_EveryKeyExactlyOnce()
    {
        await using var cluster = await OvsdbCluster.StartAsync();
        await using var client = await OvsdbClient.ConnectAsync(cluster.Remote, Nb.FastReconnect, Nb.Bounded());
        var leader = await cluster.LeaderAsync();
        var pid = cluster.Pid(leader);
        var firstDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var burst = Enumerable.Range(0, 64).Select(async i =>
        {
            var unknown = await GuardedInsert.RunAsync(client, $"b{i}", Nb.Minute());
            firstDone.TrySetResult();
            return unknown;
        }).ToArray();
        await firstDone.Task.WaitAsync(Nb.Minute()); // the rest are in flight now
        await cluster.KillMemberAsync(leader);
        var unknownOutcomes = (await Task.WhenAll(burst)).Sum();

        Assert.False(ProcessExists(pid), "the leader was really killed");
        Assert.True(unknownOutcomes > 0, "some transactions were in flight when the leader died");
        var counts = await GuardedInsert.CountAsync(client, Nb.Bounded());
        Assert.Equal(64, counts.Count);
        Assert.All(counts, c => Assert.Equal(1, c.Value));
    }

    [Fact]
    public async Task LeaderCrashesAfterReplyingToAForwardedTransaction_ResolvedWithoutDuplicate()
    {
        await using var cluster = await OvsdbCluster.StartAsync();
        var leader = await cluster.LeaderAsync();
        var follower = (leader + 1) % 3;
        var pid = cluster.Pid(leader);
        // Through a follower (leader-only off), so that writes are forwarded: the failure test fires only then.
        var remote = string.Join(',', new[] { follower, (leader + 2) % 3, leader }.Select(cluster.MemberRemote));
        await using var client = await OvsdbClient.ConnectAsync(remote, Nb.FastReconnect with { LeaderOnly = false }, Nb.Bounded());
        Assert.Equal(cluster.MemberRemote(follower), client.Endpoint.ToString());
        await GuardedInsert.RunAsync(client, "warm-up", Nb.Minute());

        // The leader crashes right after answering the follower for the next forwarded transaction: f0.
        (await cluster.AppctlAsync(leader, "cluster/failure-test", "crash-after-sending-execute-command-reply")).EnsureSuccess("failure-test");
        await GuardedInsert.RunAsync(client, "f0", Nb.Minute());
        await WaitUntilAsync(() => !ProcessExists(pid));
        Assert.False(ProcessExists(pid), "the leader crashed while executing the forwarded f0");

        // The follower stays our server; later writes are forwarded to the newly elected leader.
        for (var i = 1; i < 20; i++)
            await GuardedInsert.RunAsync(client, $"f{i}", Nb.Minute());
        Assert.Equal(cluster.MemberRemote(follower), client.Endpoint.ToString());
        var counts = await GuardedInsert.CountAsync(client, Nb.Bounded());
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal(1, counts.GetValueOrDefault($"f{i}")));
        Assert.Equal(1, counts["warm-up"]);
    }

    private static bool ProcessExists(int pid)
    {
        // A killed daemon lingers as a zombie until reaped (LAB-NOTES item 8): treat state Z as gone.
        var stat = $"/proc/{pid}/stat";
        return File.Exists(stat) && !File.ReadAllText(stat).Split(' ')[2].Equals("Z", StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
            await Task.Delay(50, cts.Token);
    }
}
