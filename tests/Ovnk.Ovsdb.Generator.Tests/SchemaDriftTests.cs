using System.Text.Json;
using System.Text.Json.Nodes;
using Ovnk.Ovsdb.Protocol;
using Ovnk.Ovsdb.Schema;
using Ovnk.Ovsdb.Schemas.Northbound;
using Ovnk.Ovsdb.Schemas.Typed;
using Ovnk.TestSupport;

namespace Ovnk.Ovsdb.Generator.Tests;

/// <summary>A server whose schema differs from the generated one never makes FromRow throw; it is reported, once.</summary>
public sealed class SchemaDriftTests
{
    private static readonly Uuid Id = Uuid.Parse("5f0f3b6e-3c1a-4d43-9f7e-0b6f1c2d3e4f");

    [Fact]
    public void FromRow_WithAnExtraColumnAndAMissingOne_GivesDefaultsAndOneClearDiagnostic()
    {
        var diagnostics = new SchemaDiagnostics();
        // "tier" is a column of a newer OVN; "severity", "log" and "label" are absent, as from an older server.
        var row = new OvsdbRow { ["action"] = "drop", ["direction"] = "from-lport", ["priority"] = 100L, ["tier"] = 2L };

        var acl = Acl.FromRow(Id, row, diagnostics);

        Assert.Equal(new Acl { Uuid = Id, Action = AclAction.Drop, Direction = AclDirection.FromLport, Priority = 100 }, acl);
        Assert.Null(acl.Severity);
        Assert.Equal(0, acl.Label);
        var d = Assert.Single(diagnostics.All);
        Assert.Equal((SchemaDiagnosticKind.UnknownColumn, "ACL", "tier"), (d.Kind, d.Table, d.Column));
        Assert.Contains("OVN_Northbound 7.0.0", d.Message, StringComparison.Ordinal);
        Assert.Contains("ignored", d.Message, StringComparison.Ordinal);
        Assert.Contains("scripts/generate-schemas.sh", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromRow_WithANewEnumValue_ReadsTheDefault_AndNamesTheValue()
    {
        var diagnostics = new SchemaDiagnostics();
        var acl = Acl.FromRow(Id, new OvsdbRow { ["action"] = "pass", ["direction"] = "to-lport" }, diagnostics);
        Assert.Equal(AclDirection.ToLport, acl.Direction);
        Assert.Equal(default, acl.Action);
        var d = Assert.Single(diagnostics.All);
        Assert.Equal((SchemaDiagnosticKind.BadValue, "action"), (d.Kind, d.Column));
        Assert.Contains("pass", d.Message, StringComparison.Ordinal);
        Assert.Contains("enum AclAction", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromRow_WithEveryColumnOfTheWrongType_NeverThrows_AndReportsEachColumn()
    {
        var diagnostics = new SchemaDiagnostics();
        var garbage = new OvsdbRow(Acl.ColumnNames.Select(c => new KeyValuePair<string, object>(c, c == "priority" ? "high" : 3.5)));
        var acl = Acl.FromRow(Id, garbage, diagnostics);
        Assert.Equal(new Acl { Uuid = Id, Action = default, Direction = default }, acl);
        Assert.Equal(Acl.ColumnNames.Order(StringComparer.Ordinal), diagnostics.All.Select(d => d.Column!).Order(StringComparer.Ordinal));
        Assert.All(diagnostics.All, d => Assert.Equal(SchemaDiagnosticKind.BadValue, d.Kind));
    }

    [Fact]
    public void Diagnostics_AreReportedOncePerColumn_NotOncePerRow()
    {
        var diagnostics = new SchemaDiagnostics();
        var reported = new List<SchemaDiagnostic>();
        diagnostics.Reported += reported.Add;
        for (var i = 0; i < 50; i++)
            LogicalSwitch.FromRow(Id, new OvsdbRow { ["name"] = $"ls{i}", ["new_col"] = "x", ["other_new"] = 1L }, diagnostics);
        Assert.Equal(["new_col", "other_new"], reported.Select(d => d.Column!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Check_AgainstAnOlderServerSchema_NamesTheMissingTableAndColumn()
    {
        var json = JsonNode.Parse(File.ReadAllText(OvsdbServer.NorthboundSchema))!.AsObject();
        json["version"] = "6.3.0";
        var tables = json["tables"]!.AsObject();
        tables.Remove("Copp");
        tables["ACL"]!["columns"]!.AsObject().Remove("label");
        tables["ACL"]!["columns"]!.AsObject()["tier"] = JsonNode.Parse("{\"type\":\"integer\"}");
        using var doc = JsonDocument.Parse(json.ToJsonString());

        var found = OvnNorthboundDatabase.Check(DatabaseSchema.Parse(doc.RootElement));

        Assert.Equal(2, found.Count);
        var column = Assert.Single(found, d => d.Kind == SchemaDiagnosticKind.MissingColumn);
        Assert.Equal(("ACL", "label"), (column.Table, column.Column));
        Assert.Contains("OVN_Northbound 6.3.0", column.Message, StringComparison.Ordinal);
        Assert.Contains("OVN_Northbound 7.0.0", column.Message, StringComparison.Ordinal);
        var table = Assert.Single(found, d => d.Kind == SchemaDiagnosticKind.MissingTable);
        Assert.Equal("Copp", table.Table);
    }

    [Fact]
    public void Check_AgainstTheSchemaItWasGeneratedFrom_FindsNothing() =>
        Assert.Empty(OvnNorthboundDatabase.Check(DatabaseSchema.Load(OvsdbServer.NorthboundSchema)));
}
