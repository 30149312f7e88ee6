using Ovnk.Ovsdb.Client;
using Ovnk.Ovsdb.Operations;

namespace Ovnk.Ovsdb.Tests.Integration;

/// <summary>lock / steal / unlock with the locked and stolen notifications (RFC 7047 §4.1.8–4.1.10).</summary>
public sealed class LockTests(NbServerFixture nb) : IClassFixture<NbServerFixture>
{
    private Task<OvsdbClient> ConnectAsync() => OvsdbClient.ConnectAsync(nb.Server.UnixRemote, Nb.Options, Nb.Bounded());

    [Fact]
    public async Task Lock_QueuedRequestIsGrantedOnUnlock_StealNotifiesTheOwner()
    {
        var name = "ovnk_" + Guid.NewGuid().ToString("N")[..8];
        await using var first = await ConnectAsync();
        await using var second = await ConnectAsync();
        Assert.True(await first.LockAsync(name, Nb.Bounded()));
        Assert.False(await second.LockAsync(name, Nb.Bounded()));
        await second.Assert_NotOwnerAsync(name);

        await first.UnlockAsync(name, Nb.Bounded());
        await second.WaitForLockAsync(name, Nb.Bounded()); // the "locked" notification
        await second.TransactAsync(Nb.Db, [new AssertLock(name)], Nb.Bounded());

        var stolen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        second.LockStolen += n => stolen.TrySetResult(n);
        Assert.True(await first.StealAsync(name, Nb.Bounded()));
        Assert.Equal(name, await stolen.Task.WaitAsync(Nb.Bounded()));
        await second.Assert_NotOwnerAsync(name);
        await first.TransactAsync(Nb.Db, [new AssertLock(name)], Nb.Bounded());
    }

    [Fact]
    public async Task Echo_RoundTrips()
    {
        await using var client = await ConnectAsync();
        await client.EchoAsync(Nb.Bounded());
    }
}

internal static class LockAssertions
{
    public static async Task Assert_NotOwnerAsync(this OvsdbClient client, string lockName)
    {
        var e = await Assert.ThrowsAsync<OvsdbTransactionException>(() =>
            client.TransactAsync(Nb.Db, [new AssertLock(lockName)], Nb.Bounded()));
        Assert.Equal("not owner", e.Error);
    }
}
