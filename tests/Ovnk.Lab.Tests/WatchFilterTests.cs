using System.Text.Json.Nodes;
using Ovnk.Lab.Selectors;
using Ovnk.Lab.Storage;
using Ovnk.Lab.Watch;

namespace Ovnk.Lab.Tests;

/// <summary>What a selector watch sends for each stored event (cacheWatcher.convertToWatchEvent).</summary>
public sealed class WatchFilterTests
{
    private static readonly WatchFilter AppX = new("configmaps", null, null, LabelSelector.Parse("app=x"), FieldSelector.Everything);

    [Theory]
    [InlineData("added, matching", "ADDED", "x", null, "ADDED x")]
    [InlineData("added, not matching", "ADDED", "y", null, null)]
    [InlineData("modified, matched before and after", "MODIFIED", "x", "x", "MODIFIED x")]
    [InlineData("modified, starts matching", "MODIFIED", "x", "y", "ADDED x")]
    [InlineData("modified, stops matching: the old object is deleted", "MODIFIED", "y", "x", "DELETED x")]
    [InlineData("modified, never matched", "MODIFIED", "y", "z", null)]
    [InlineData("modified, previous unknown, matching", "MODIFIED", "x", null, "MODIFIED x")]
    [InlineData("modified, previous unknown, not matching", "MODIFIED", "y", null, null)]
    [InlineData("deleted, matching", "DELETED", "x", null, "DELETED x")]
    [InlineData("deleted, not matching", "DELETED", "y", null, null)]
    public void Translate(string name, string type, string app, string? previousApp, string? expected)
    {
        Assert.False(string.IsNullOrEmpty(name));
        var e = new StoredEvent(42, type, "configmaps", "ns", "a", Object(app, 41), previousApp is null ? null : Object(previousApp, 40));
        var sent = AppX.Translate(e);
        Assert.Equal(expected, sent is var (t, o) ? $"{t} {o["metadata"]!["labels"]!["app"]}" : null);
        if (sent is ("DELETED", var deleted) && previousApp is not null)
        {
            Assert.Equal("42", deleted["metadata"]!["resourceVersion"]!.GetValue<string>()); // stamped with the change's revision
        }
    }

    [Fact]
    public void Translate_OtherResourceOrNamespace_IsNotSent()
    {
        var inNs = AppX with { Namespace = "ns1" };
        Assert.Null(inNs.Translate(new StoredEvent(1, "ADDED", "configmaps", "ns2", "a", Object("x", 1))));
        Assert.Null(AppX.Translate(new StoredEvent(1, "ADDED", "secrets", "ns1", "a", Object("x", 1))));
    }

    private static JsonObject Object(string app, long rv) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = "a", ["namespace"] = "ns", ["resourceVersion"] = rv.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["labels"] = new JsonObject { ["app"] = app },
        },
    };
}
