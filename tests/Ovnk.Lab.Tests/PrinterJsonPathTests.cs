using System.Text.Json.Nodes;
using Ovnk.Lab.Tables;

namespace Ovnk.Lab.Tests;

/// <summary>The JSONPath subset of CRD printer columns.</summary>
public sealed class PrinterJsonPathTests
{
    private const string Object = """
        {"metadata":{"name":"g1","labels":{"app":"web"}},
         "spec":{"size":4,"ips":["a","b"]},
         "status":{"items":[{"node":"n1"},{"node":"n2"}],"conditions":[{"type":"Synced","status":"False"},{"type":"Ready","status":"True"}]}}
        """;

    [Theory]
    [InlineData("a field", ".metadata.name", "g1")]
    [InlineData("braces allowed", "{.metadata.name}", "g1")]
    [InlineData("a number prints as JSON", ".spec.size", "4")]
    [InlineData("a map entry", ".metadata.labels.app", "web")]
    [InlineData("every array item", ".spec.ips[*]", "a|b")]
    [InlineData("an index", ".spec.ips[1]", "b")]
    [InlineData("a negative index", ".spec.ips[-1]", "b")]
    [InlineData("a field of every item", ".status.items[*].node", "n1|n2")]
    [InlineData("an equality filter", ".status.conditions[?(@.type==\"Ready\")].status", "True")]
    [InlineData("a filter with single quotes", ".status.conditions[?(@.type=='Synced')].status", "False")]
    [InlineData("an inequality filter", ".status.conditions[?(@.type!=\"Synced\")].type", "Ready")]
    [InlineData("a missing field", ".spec.missing", "")]
    [InlineData("an index out of range", ".spec.ips[5]", "")]
    public void Evaluate(string name, string path, string expected)
    {
        Assert.False(string.IsNullOrEmpty(name));
        var values = PrinterJsonPath.Evaluate(JsonNode.Parse(Object), path);
        Assert.Equal(expected, string.Join('|', values.Select(PrinterJsonPath.Scalar)));
    }
}
