using System.Text;
using System.Text.Json;
using Ovnk.Ovsdb.Client;
using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Protocol;
using Ovnk.TestSupport;

namespace Ovnk.Ovsdb.Tests.Integration;

/// <summary>
/// Differential conformance with <c>ovsdb-client</c> as the oracle: the same sequence of transactions runs on two
/// fresh servers, one through <c>ovsdb-client transact</c> (given our serialization of the operations) and one through
/// our client; every operation's outcome (error string, count, row count, new uuid, empty) must match.
/// </summary>
public sealed class OvsdbClientOracleTests
{
    private static readonly Condition Sw = Condition.Eq("name", "sw0");

    /// <summary>Named steps; each runs against the state the previous ones left, on both servers alike.</summary>
    private static readonly (string Name, Operation[] Ops)[] Steps =
    [
        ("insert with a named-uuid reference", [
            new Insert("Logical_Switch_Port", new OvsdbRow { ["name"] = "p0", ["addresses"] = OvsdbSet.Of("0a:58:0a:f4:00:05 10.244.0.5") }, "p0"),
            new Insert("Logical_Switch", new OvsdbRow { ["name"] = "sw0", ["ports"] = OvsdbSet.Of(new NamedUuid("p0")) })]),
        ("select", [new Select("Logical_Switch", [Sw], ["name", "ports"])]),
        ("update", [new Update("Logical_Switch", [Sw], new OvsdbRow { ["other_config"] = OvsdbMap.Of(("subnet", "10.244.0.0/24")) })]),
        ("mutate set and map", [new Mutate("Logical_Switch", [Sw], [
            Mutation.Insert("external_ids", OvsdbMap.Of(("a", "1"), ("b", "2"))), Mutation.Delete("external_ids", OvsdbSet.Of("a"))])]),
        ("select by map includes", [new Select("Logical_Switch", [Condition.Includes("external_ids", OvsdbMap.Of(("b", "2")))])]),
        ("wait satisfied", [new Wait("Logical_Switch", [Sw], ["name"], [new OvsdbRow { ["name"] = "sw0" }])]),
        ("wait timed out", [new Wait("Logical_Switch", [Sw], ["name"], [new OvsdbRow { ["name"] = "other" }])]),
        ("abort", [new Insert("Logical_Switch", new OvsdbRow { ["name"] = "never" }), new Abort()]),
        ("assert without the lock", [new AssertLock("nolock")]),
        ("duplicate index", [new Insert("Address_Set", new OvsdbRow { ["name"] = "as0" }), new Insert("Address_Set", new OvsdbRow { ["name"] = "as0" })]),
        ("dangling strong reference", [new Insert("Logical_Switch", new OvsdbRow { ["name"] = "bad", ["ports"] = OvsdbSet.Of(new Uuid(Guid.Parse("11111111-2222-4333-8444-555555555555"))) })]),
        ("integer mutation", [new Insert("NB_Global", new OvsdbRow()), new Mutate("NB_Global", [], [new Mutation("nb_cfg", Mutator.Add, 3L)])]),
        ("integer mutation out of range", [new Mutate("NB_Global", [], [new Mutation("nb_cfg", Mutator.Divide, 0L)])]),
        ("comment and commit", [new Comment("oracle test"), new Commit(Durable: true)]),
        ("delete", [new Delete("Logical_Switch", [Sw])]),
        ("select after delete", [new Select("Logical_Switch", [Sw])]),
    ];

    [Fact]
    public async Task EveryStep_HasTheSameOutcomeAsOvsdbClient()
    {
        await using var oracle = await OvsdbServer.StartAsync();
        await using var ours = await OvsdbServer.StartAsync();
        await using var client = await OvsdbClient.ConnectAsync(ours.UnixRemote, Nb.Options, Nb.Bounded());
        foreach (var (name, ops) in Steps)
        {
            var expected = await OracleAsync(oracle, ops);
            var actual = await OursAsync(client, ops);
            Assert.True(expected.SequenceEqual(actual),
                $"step \"{name}\": ovsdb-client got [{string.Join(", ", expected)}], we got [{string.Join(", ", actual)}]");
        }
    }

    private static async Task<List<string>> OracleAsync(OvsdbServer server, Operation[] ops)
    {
        var output = (await Proc.RunAsync("ovsdb-client", ["transact", server.UnixRemote, Serialize(ops)])).EnsureSuccess("ovsdb-client transact").Stdout;
        using var json = JsonDocument.Parse(output);
        return json.RootElement.EnumerateArray().Select(r => Describe(OperationResultReader(r))).ToList();
    }

    private static async Task<List<string>> OursAsync(OvsdbClient client, Operation[] ops)
    {
        try
        {
            return (await client.TransactAsync(Nb.Db, ops, Nb.Bounded())).Select(Describe).ToList();
        }
        catch (OvsdbTransactionException e)
        {
            return e.Results.Select(Describe).ToList();
        }
    }

    private static OperationResult OperationResultReader(JsonElement json) => OperationResult.Read(json);

    private static string Describe(OperationResult r) =>
        ReferenceEquals(r, OperationResult.NotRun) ? "null"
        : r.Error is not null ? $"error:{r.Error}"
        : r.Uuid is not null ? "uuid"
        : r.Count is { } c ? $"count:{c}"
        : r.Rows is { } rows ? $"rows:{rows.Count}"
        : "{}";

    private static string Serialize(Operation[] ops)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartArray();
            w.WriteStringValue(Nb.Db);
            foreach (var op in ops)
                op.Write(w);
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
