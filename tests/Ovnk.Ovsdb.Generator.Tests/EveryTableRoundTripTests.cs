using System.Reflection;
using Ovnk.Ovsdb.Protocol;
using Ovnk.Ovsdb.Schema;
using Ovnk.Ovsdb.Schemas.Typed;
using Ovnk.TestSupport;

namespace Ovnk.Ovsdb.Generator.Tests;

/// <summary>
/// For every table of the three schemas: a random valid wire row (every column set) read with FromRow and written
/// back with ToRow(includeDefaults) is the same wire row, and reads without a diagnostic.
/// </summary>
public sealed class EveryTableRoundTripTests
{
    public static TheoryData<string, string> Schemas => new()
    {
        { OvsdbServer.NorthboundSchema, "Ovnk.Ovsdb.Schemas.Northbound" },
        { OvsdbServer.SouthboundSchema, "Ovnk.Ovsdb.Schemas.Southbound" },
        { OvsdbServer.VswitchSchema, "Ovnk.Ovsdb.Schemas.Vswitch" },
    };

    [Theory]
    [MemberData(nameof(Schemas))]
    public void EveryTable_RandomRows_RoundTripOnTheWire(string schemaPath, string ns)
    {
        var schema = DatabaseSchema.Load(schemaPath);
        var assembly = typeof(SchemaDiagnostics).Assembly;
        var random = new RandomRows(seed: 7);
        var diagnostics = new SchemaDiagnostics();
        var uuid = Uuid.Parse("5f0f3b6e-3c1a-4d43-9f7e-0b6f1c2d3e4f");
        foreach (var table in schema.Tables.Values)
        {
            var type = assembly.GetType($"{ns}.{Naming.Pascal(table.Name)}", throwOnError: true)!;
            Assert.Equal(table.Name, type.GetField("TableName")!.GetValue(null));
            var fromRow = type.GetMethod("FromRow", BindingFlags.Public | BindingFlags.Static)!;
            var toRow = type.GetMethod("ToRow")!;
            for (var i = 0; i < 20; i++)
            {
                var wire = random.Row(table);
                var record = fromRow.Invoke(null, [uuid, wire, diagnostics])!;
                var back = (OvsdbRow)toRow.Invoke(record, [true])!;
                Assert.True(wire.Equals(back), $"{table.Name}: {Show(wire)} came back as {Show(back)}");
                Assert.Equal(record, fromRow.Invoke(null, [uuid, back, diagnostics]));
            }
        }
        Assert.Empty(diagnostics.All);
    }

    private static string Show(OvsdbRow row) =>
        string.Join(", ", row.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={OvsdbValue.Format(c.Value)}"));
}
