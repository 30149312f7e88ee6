using Ovnk.Ovsdb.Client;
using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Tests.Integration;

/// <summary>RFC 7047 error strings, as ovsdb-server returns them, surfaced as typed exceptions.</summary>
public sealed class TransactErrorTests(NbServerFixture nb) : IClassFixture<NbServerFixture>
{
    private Task<OvsdbClient> ConnectAsync() => OvsdbClient.ConnectAsync(nb.Server.UnixRemote, Nb.Options, Nb.Bounded());

    private static async Task<OvsdbTransactionException> FailsAsync(OvsdbClient client, params Operation[] ops) =>
        await Assert.ThrowsAsync<OvsdbTransactionException>(() => client.TransactAsync(Nb.Db, ops, Nb.Bounded()));

    [Fact]
    public async Task WaitWithTimeoutZero_NotSatisfied_TimedOutAndNothingApplied()
    {
        await using var client = await ConnectAsync();
        var sw = Nb.Unique("ls");
        var e = await FailsAsync(client,
            new Insert("Logical_Switch", new OvsdbRow { ["name"] = sw }),
            new Wait("Logical_Switch", [Nb.Named(sw + "-absent")], ["name"], [new OvsdbRow { ["name"] = sw + "-absent" }]));
        Assert.Equal("timed out", e.Error);
        Assert.Equal(1, e.OperationIndex);
        Assert.True(e.IsTransient);
        Assert.DoesNotContain(sw, await nb.Server.CtlAsync("ovn-nbctl", "ls-list"));
    }

    [Fact]
    public async Task WaitSatisfied_Passes()
    {
        await using var client = await ConnectAsync();
        var sw = Nb.Unique("ls");
        await Nb.AddSwitchAsync(client, sw);
        var results = await client.TransactAsync(Nb.Db,
        [
            new Wait("Logical_Switch", [Nb.Named(sw)], ["name"], [new OvsdbRow { ["name"] = sw }]),
            new Wait("Logical_Switch", [Nb.Named(sw + "-x")], ["name"], [new OvsdbRow { ["name"] = sw }], Equal: false),
            new Comment("ovnk test: guarded no-op"),
            new Commit(Durable: false),
        ], Nb.Bounded());
        Assert.All(results, r => Assert.False(r.Failed));
    }

    [Fact]
    public async Task Abort_FailsWithAborted()
    {
        await using var client = await ConnectAsync();
        var e = await FailsAsync(client, new Insert("Logical_Switch", new OvsdbRow { ["name"] = Nb.Unique("ls") }), new Abort());
        Assert.Equal("aborted", e.Error);
        Assert.False(e.IsTransient);
    }

    [Fact]
    public async Task AssertWithoutTheLock_FailsWithNotOwner()
    {
        await using var client = await ConnectAsync();
        var e = await FailsAsync(client, new AssertLock("ovnk_test_lock")); // lock names are identifiers: no dashes
        Assert.Equal("not owner", e.Error);
    }

    [Fact]
    public async Task DuplicateIndexValue_FailsAtCommitWithConstraintViolation()
    {
        await using var client = await ConnectAsync();
        // Address_Set is a root table with a unique index on name (non-root rows would be garbage-collected first).
        var name = Nb.Unique("as");
        var e = await FailsAsync(client,
            new Insert("Address_Set", new OvsdbRow { ["name"] = name }),
            new Insert("Address_Set", new OvsdbRow { ["name"] = name }));
        Assert.Equal("constraint violation", e.Error);
        Assert.Null(e.Operation); // a commit-time error comes after the operations' results
        Assert.Contains(name, e.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DanglingStrongReference_FailsWithReferentialIntegrityViolation()
    {
        await using var client = await ConnectAsync();
        var e = await FailsAsync(client, new Insert("Logical_Switch",
            new OvsdbRow { ["name"] = Nb.Unique("ls"), ["ports"] = OvsdbSet.Of(new Uuid(Guid.NewGuid())) }));
        Assert.Equal("referential integrity violation", e.Error);
    }

    [Fact]
    public async Task UnknownColumn_FailsNamingIt()
    {
        await using var client = await ConnectAsync();
        var e = await FailsAsync(client, new Insert("Logical_Switch", new OvsdbRow { ["no_such_column"] = "x" }));
        Assert.Contains("no_such_column", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownDatabase_IsAnRpcError()
    {
        await using var client = await ConnectAsync();
        var e = await Assert.ThrowsAsync<OvsdbRpcException>(() =>
            client.TransactAsync("No_Such_DB", [new Comment("x")], Nb.Bounded()));
        Assert.Equal("unknown database", e.Error);
    }

    [Fact]
    public async Task CancelledLongWait_SendsCancelAndTheSessionStaysUsable()
    {
        await using var client = await ConnectAsync();
        var sw = Nb.Unique("ls");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var wait = new Wait("Logical_Switch", [Nb.Named(sw)], ["name"], [new OvsdbRow { ["name"] = sw }], TimeoutMs: 60_000);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.TransactAsync(Nb.Db, [wait], cts.Token));
        Assert.Contains(Nb.Db, await client.ListDatabasesAsync(Nb.Bounded()));
    }
}
