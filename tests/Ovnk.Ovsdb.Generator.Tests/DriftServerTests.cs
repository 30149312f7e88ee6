using System.Text.Json.Nodes;
using Ovnk.Ovsdb.Client;
using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Protocol;
using Ovnk.Ovsdb.Schemas.Northbound;
using Ovnk.Ovsdb.Schemas.Typed;
using Ovnk.TestSupport;

namespace Ovnk.Ovsdb.Generator.Tests;

/// <summary>
/// A real ovsdb-server whose Northbound schema differs from the generated one (ACL lacks "label", has a new
/// "tier"): typed reads and writes keep working, and the drift is reported with the cause.
/// </summary>
public sealed class DriftServerTests
{
    [Fact]
    public async Task ServerWithAnotherSchemaVersion_TypedRowsKeepWorking_AndTheDriftIsReported()
    {
        var ct = Repo.Bounded();
        using var dir = new TempDirectory("ovnk-drift");
        var schemaPath = dir.File("drifted.ovsschema");
        await File.WriteAllTextAsync(schemaPath, DriftedSchema(), ct);
        await using var server = await OvsdbServer.StartAsync(schemaPath);
        await using var c = await OvsdbClient.ConnectAsync(server.UnixRemote,
            new OvsdbClientOptions { ConnectTimeout = TimeSpan.FromSeconds(5), InactivityProbe = TimeSpan.Zero }, ct);

        var check = OvnNorthboundDatabase.Check(await c.GetSchemaAsync(OvnNorthboundDatabase.Name, ct));
        var missing = Assert.Single(check);
        Assert.Equal((SchemaDiagnosticKind.MissingColumn, "ACL", "label"), (missing.Kind, missing.Table, missing.Column));
        Assert.Contains("OVN_Northbound 7.0.99", missing.Message, StringComparison.Ordinal);

        // A typed insert leaves default columns out, so it works although the server has no "label".
        var acl = new Acl { Action = AclAction.Drop, Direction = AclDirection.FromLport, Priority = 10, Match = "udp" };
        var typedId = (await c.TransactAsync(OvnNorthboundDatabase.Name, [new Insert(Acl.TableName, acl.ToRow(), "a"),
            Holder("ls1", "a")], ct))[0].Uuid!.Value;
        // A newer client wrote "tier", which the generated rows do not know.
        var rawRow = new OvsdbRow { ["action"] = "allow", ["direction"] = "to-lport", ["match"] = "tcp", ["tier"] = 2L };
        var rawId = (await c.TransactAsync(OvnNorthboundDatabase.Name, [new Insert(Acl.TableName, rawRow, "b"),
            Holder("ls2", "b")], ct))[0].Uuid!.Value;

        var cache = await c.CreateCacheAsync(OvnNorthboundDatabase.Name, [Acl.TableName], ct);
        var diagnostics = new SchemaDiagnostics();
        Assert.Equal(acl with { Uuid = typedId }, cache.Get<Acl>(typedId, diagnostics));
        Assert.Equal(new Acl { Uuid = rawId, Action = AclAction.Allow, Direction = AclDirection.ToLport, Match = "tcp" },
            cache.Get<Acl>(rawId, diagnostics));
        var unknown = Assert.Single(diagnostics.All);
        Assert.Equal((SchemaDiagnosticKind.UnknownColumn, "tier"), (unknown.Kind, unknown.Column));

        // Setting the column the server lacks fails with the server's own error, and nothing is written.
        var e = await Assert.ThrowsAsync<OvsdbTransactionException>(() => c.TransactAsync(OvnNorthboundDatabase.Name,
            [new Insert(Acl.TableName, (acl with { Label = 5 }).ToRow())], ct));
        Assert.Contains("label", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, cache.Table(Acl.TableName).Count);
    }

    /// <summary>ACL is not a root table (RFC 7047 §3.2 isRoot): a switch must refer to it or it is collected.</summary>
    private static Insert Holder(string name, string aclUuidName) => new(LogicalSwitch.TableName,
        new LogicalSwitch { Name = name, Acls = [RowRef<Acl>.Named(aclUuidName)] }.ToRow());

    private static string DriftedSchema()
    {
        var json = JsonNode.Parse(File.ReadAllText(OvsdbServer.NorthboundSchema))!.AsObject();
        json["version"] = "7.0.99";
        var columns = json["tables"]!["ACL"]!["columns"]!.AsObject();
        columns.Remove("label");
        columns["tier"] = JsonNode.Parse("{\"type\":{\"key\":{\"type\":\"integer\",\"minInteger\":0,\"maxInteger\":3}}}");
        return json.ToJsonString();
    }
}
