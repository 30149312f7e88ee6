using Ovnk.TestSupport;

namespace Ovnk.Ovsdb.Generator.Tests;

/// <summary>The console tool itself: its output, and clear errors for bad input that leave nothing behind.</summary>
public sealed class GeneratorToolTests
{
    private static readonly string Tool = Path.Combine(AppContext.BaseDirectory, "Ovnk.Ovsdb.Generator");

    [Fact]
    public async Task Tool_WritesOneFilePerTable_AndSaysWhatItDid()
    {
        using var temp = new TempDirectory("ovnk-gen");
        var result = await Proc.RunAsync(Tool, [OvsdbServer.NorthboundSchema, temp.Path, "My.Nb"], Repo.Timeout);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("OVN_Northbound 7.0.0", result.Stdout, StringComparison.Ordinal);
        var lsp = await File.ReadAllTextAsync(temp.File("LogicalSwitchPort.cs"), Repo.Bounded());
        Assert.Contains("namespace My.Nb;", lsp, StringComparison.Ordinal);
        Assert.Contains("public sealed record LogicalSwitchPort", lsp, StringComparison.Ordinal);
        Assert.True(File.Exists(temp.File("OvnNorthboundDatabase.cs")));
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "a missing schema file", "/nonexistent/x.ovsschema", "x.ovsschema" },
        { "a file that is not JSON", "not-json", "not-json" },
        { "JSON that is not a schema", "json-not-schema", "not a valid OVSDB schema" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Tool_WithBadInput_FailsWithTheCause_AndWritesNothing(string name, string schema, string expected)
    {
        Assert.NotNull(name);
        using var temp = new TempDirectory("ovnk-gen");
        await File.WriteAllTextAsync(temp.File("not-json"), "{ nope", Repo.Bounded());
        await File.WriteAllTextAsync(temp.File("json-not-schema"), "{\"tables\": 3}", Repo.Bounded());
        var path = schema.StartsWith('/') ? schema : temp.File(schema);
        var outDir = temp.File("out");

        var result = await Proc.RunAsync(Tool, [path, outDir, "X"], Repo.Timeout);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task Tool_WithoutItsThreeArguments_PrintsUsage()
    {
        var result = await Proc.RunAsync(Tool, ["only-one"], Repo.Timeout);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage:", result.Stderr, StringComparison.Ordinal);
    }
}
