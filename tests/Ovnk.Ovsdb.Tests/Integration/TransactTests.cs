using Ovnk.Ovsdb.Client;
using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Protocol;
using Ovnk.TestSupport;

namespace Ovnk.Ovsdb.Tests.Integration;

/// <summary>RFC 7047 transact conformance against a real ovsdb-server, with ovn-nbctl as the oracle.</summary>
public sealed class TransactTests(NbServerFixture nb) : IClassFixture<NbServerFixture>
{
    private Task<OvsdbClient> ConnectAsync() => OvsdbClient.ConnectAsync(nb.Server.UnixRemote, Nb.Options, Nb.Bounded());

    [Fact]
    public async Task ListDatabases_IncludesNorthboundAndServer()
    {
        await using var client = await ConnectAsync();
        var dbs = await client.ListDatabasesAsync(Nb.Bounded());
        Assert.Contains(Nb.Db, dbs);
        Assert.Contains("_Server", dbs);
    }

    [Fact]
    public async Task GetSchema_MatchesTheSchemaFile()
    {
        await using var client = await ConnectAsync();
        var schema = await client.GetSchemaAsync(Nb.Db, Nb.Bounded());
        var file = Schema.DatabaseSchema.Load(OvsdbServer.NorthboundSchema);
        Assert.Equal(file.Version, schema.Version);
        Assert.Equal(file.Tables.Keys.Order(), schema.Tables.Keys.Order());
        Assert.True(schema.Table("Logical_Switch_Port")!.Column("external_ids")!.Type.IsMap);
    }

    [Fact]
    public async Task InsertWithNamedUuidReference_IsSeenByOvnNbctl()
    {
        await using var client = await ConnectAsync();
        var sw = Nb.Unique("ls");
        var results = await client.TransactAsync(Nb.Db,
        [
            new Insert("Logical_Switch_Port", new OvsdbRow { ["name"] = sw + "-p1", ["addresses"] = OvsdbSet.Of("0a:58:0a:f4:00:05 10.244.0.5") }, "p1"),
            new Insert("Logical_Switch", new OvsdbRow { ["name"] = sw, ["ports"] = OvsdbSet.Of(new NamedUuid("p1")) }),
        ], Nb.Bounded());
        Assert.NotNull(results[0].Uuid);
        Assert.NotNull(results[1].Uuid);
        Assert.Equal(sw + "-p1", (await nb.Server.CtlAsync("ovn-nbctl", "lsp-list", sw)).Split(' ', 2)[1].Trim('(', ')', '\n'));
        Assert.Contains("10.244.0.5", await nb.Server.CtlAsync("ovn-nbctl", "lsp-get-addresses", sw + "-p1"));
    }

    [Fact]
    public async Task SelectUpdateDelete_ReturnRowsAndCounts()
    {
        await using var client = await ConnectAsync();
        var sw = Nb.Unique("ls");
        await Nb.AddSwitchAsync(client, sw);
        var update = await client.TransactAsync(Nb.Db,
            [new Update("Logical_Switch", [Nb.Named(sw)], new OvsdbRow { ["other_config"] = OvsdbMap.Of(("subnet", "10.244.1.0/24")) })], Nb.Bounded());
        Assert.Equal(1, update[0].Count);
        var select = await client.TransactAsync(Nb.Db, [new Select("Logical_Switch", [Nb.Named(sw)], ["name", "other_config"])], Nb.Bounded());
        var row = Assert.Single(select[0].Rows!);
        Assert.Equal("10.244.1.0/24", row.GetMap("other_config").GetString("subnet"));
        Assert.Equal("10.244.1.0/24", (await nb.Server.CtlAsync("ovn-nbctl", "get", "Logical_Switch", sw, "other_config:subnet")).Trim().Trim('"'));
        var delete = await client.TransactAsync(Nb.Db, [new Delete("Logical_Switch", [Nb.Named(sw)])], Nb.Bounded());
        Assert.Equal(1, delete[0].Count);
        Assert.DoesNotContain(sw, await nb.Server.CtlAsync("ovn-nbctl", "ls-list"));
    }

    [Fact]
    public async Task Mutate_SetMapAndInteger()
    {
        await using var client = await ConnectAsync();
        var name = Nb.Unique("as");
        await client.TransactAsync(Nb.Db, [new Insert("Address_Set", new OvsdbRow { ["name"] = name, ["addresses"] = OvsdbSet.Of("10.0.0.1") })], Nb.Bounded());
        var mutate = await client.TransactAsync(Nb.Db,
        [
            new Mutate("Address_Set", [Nb.Named(name)],
            [
                Mutation.Insert("addresses", OvsdbSet.Of("10.0.0.2", "10.0.0.3")),
                Mutation.Delete("addresses", OvsdbSet.Of("10.0.0.1")),
                Mutation.Insert("external_ids", OvsdbMap.Of(("k8s.ovn.org/name", "ns1"), ("drop", "x"))),
            ]),
            new Mutate("Address_Set", [Nb.Named(name)], [Mutation.Delete("external_ids", OvsdbSet.Of("drop"))]),
        ], Nb.Bounded());
        Assert.Equal(1, mutate[0].Count);
        var row = (await client.TransactAsync(Nb.Db, [new Select("Address_Set", [Nb.Named(name)])], Nb.Bounded()))[0].Rows![0];
        Assert.Equal(OvsdbSet.Of("10.0.0.2", "10.0.0.3"), row.GetSet("addresses"));
        Assert.Equal(OvsdbMap.Of(("k8s.ovn.org/name", "ns1")), row.GetMap("external_ids"));

        var byOwner = Condition.Includes("external_ids", OvsdbMap.Of(("k8s.ovn.org/name", "ns1")));
        var owned = await client.TransactAsync(Nb.Db, [new Select("Address_Set", [byOwner, Nb.Named(name)], ["name"])], Nb.Bounded());
        Assert.Single(owned[0].Rows!);
    }

    [Fact]
    public async Task MutateInteger_AddsToTheValue()
    {
        // NB_Global is the one root table with an integer column; only this test touches it.
        await using var client = await ConnectAsync();
        var existing = await client.TransactAsync(Nb.Db, [new Select("NB_Global", [], ["nb_cfg"])], Nb.Bounded());
        if (existing[0].Rows!.Count == 0)
            await client.TransactAsync(Nb.Db, [new Insert("NB_Global", new OvsdbRow())], Nb.Bounded());
        var before = (long)(await client.TransactAsync(Nb.Db, [new Select("NB_Global", [], ["nb_cfg"])], Nb.Bounded()))[0].Rows![0]["nb_cfg"];
        var mutate = await client.TransactAsync(Nb.Db, [new Mutate("NB_Global", [], [new Mutation("nb_cfg", Mutator.Add, 5L)])], Nb.Bounded());
        Assert.Equal(1, mutate[0].Count);
        Assert.Equal((before + 5).ToString(System.Globalization.CultureInfo.InvariantCulture),
            (await nb.Server.CtlAsync("ovn-nbctl", "get", "NB_Global", ".", "nb_cfg")).Trim());
    }

    [Fact]
    public async Task LargeReply_OverAMegabyte_IsParsedWhole()
    {
        // 90,000 addresses ≈ 1.5 MB of JSON each way: a reply spread over many pipe segments.
        await using var client = await ConnectAsync();
        var name = Nb.Unique("as-big");
        var addresses = new OvsdbSet(Enumerable.Range(0, 90_000).Select(i => (object)$"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}"));
        await client.TransactAsync(Nb.Db, [new Insert("Address_Set", new OvsdbRow { ["name"] = name, ["addresses"] = addresses })], Nb.Bounded());
        var row = (await client.TransactAsync(Nb.Db, [new Select("Address_Set", [Nb.Named(name)])], Nb.Bounded()))[0].Rows![0];
        Assert.Equal(addresses, row.GetSet("addresses"));
    }
}
