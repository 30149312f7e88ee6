using System.Text.Json;
using Ovnk.Ovsdb.Schema;

namespace Ovnk.Ovsdb.Generator.Tests;

/// <summary>Names that would collide in C# fail the generation with the table, column and fix; nothing is renamed silently.</summary>
public sealed class GeneratorClashTests
{
    public static TheoryData<string, string, string> Clashes => new()
    {
        { "two enum values with one C# name", "{\"T\":{\"columns\":{\"c\":{\"type\":{\"key\":{\"type\":\"string\",\"enum\":[\"set\",[\"a-b\",\"a_b\"]]}}}}}}", "T.c: enum values a-b and a_b both map to the C# name AB" },
        { "two tables with one C# name", "{\"Foo_Bar\":{\"columns\":{}},\"FooBar\":{\"columns\":{}}}", "the C# type name FooBar is already generated" },
        { "a table named like an enum", "{\"T\":{\"columns\":{\"c\":{\"type\":{\"key\":{\"type\":\"string\",\"enum\":[\"set\",[\"x\"]]}}}}},\"T_c\":{\"columns\":{}}}", "the C# type name TC is already generated" },
    };

    [Theory]
    [MemberData(nameof(Clashes))]
    public void Generate_WithANameClash_FailsWithTheCauseAndTheFix(string name, string tables, string expected)
    {
        Assert.NotNull(name);
        using var doc = JsonDocument.Parse($"{{\"name\":\"Test_DB\",\"version\":\"1.0.0\",\"tables\":{tables}}}");
        var e = Assert.Throws<GeneratorException>(() => SchemaGenerator.Generate(DatabaseSchema.Parse(doc.RootElement), "X", "t.ovsschema"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("extend", e.Message, StringComparison.Ordinal);
    }
}
