using Ovnk.Ovsdb.Client;
using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Tests.Integration;

/// <summary>One reconcile = one transaction: named UUIDs across operations, and guards that make it idempotent.</summary>
public sealed class TransactionBuilderTests(NbServerFixture nb) : IClassFixture<NbServerFixture>
{
    [Fact]
    public async Task SwitchWithPortsByNamedUuid_GuardedByOwner_SecondRunAppliesNothing()
    {
        await using var client = await OvsdbClient.ConnectAsync(nb.Server.UnixRemote, Nb.Options, Nb.Bounded());
        var node = Nb.Unique("node");
        var owner = Condition.Includes("external_ids", OvsdbMap.Of(("k8s.ovn.org/owner", node)));

        TransactionBuilder Build()
        {
            var tx = new TransactionBuilder().RequireAbsent("Logical_Switch", [owner]);
            var mp = tx.Insert("Logical_Switch_Port", new OvsdbRow { ["name"] = "k8s-" + node, ["addresses"] = OvsdbSet.Of("0a:58:0a:f4:01:02 10.244.1.2") });
            var stor = tx.Insert("Logical_Switch_Port", new OvsdbRow { ["name"] = "stor-" + node, ["type"] = "router" });
            tx.Insert("Logical_Switch", new OvsdbRow
            {
                ["name"] = node,
                ["ports"] = OvsdbSet.Of(mp, stor),
                ["external_ids"] = OvsdbMap.Of(("k8s.ovn.org/owner", node)),
            });
            return tx.Comment($"ovnk test: node {node}");
        }

        await client.TransactAsync(Nb.Db, Build(), Nb.Bounded());
        var ports = await nb.Server.CtlAsync("ovn-nbctl", "lsp-list", node);
        Assert.Contains("k8s-" + node, ports, StringComparison.Ordinal);
        Assert.Contains("stor-" + node, ports, StringComparison.Ordinal);

        var again = await Assert.ThrowsAsync<OvsdbTransactionException>(() => client.TransactAsync(Nb.Db, Build(), Nb.Bounded()));
        Assert.Equal("timed out", again.Error); // the guard saw our switch: nothing applied twice
        Assert.Single((await nb.Server.CtlAsync("ovn-nbctl", "--bare", "--columns=name", "find", "Logical_Switch", $"name={node}"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
