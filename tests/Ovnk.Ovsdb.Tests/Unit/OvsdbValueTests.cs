using System.Text;
using System.Text.Json;
using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Tests.Unit;

public sealed class OvsdbValueTests
{
    private static string Write(object value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            OvsdbValue.Write(writer, value);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static object Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return OvsdbValue.Read(doc.RootElement);
    }

    public static TheoryData<string, object, string> RoundTrips => new()
    {
        { "string", "sw0", "\"sw0\"" },
        { "real", 1.5, "1.5" },
        { "boolean", true, "true" },
        { "uuid", Uuid.Parse("6a2b1c3d-0000-4000-8000-000000000001"), "[\"uuid\",\"6a2b1c3d-0000-4000-8000-000000000001\"]" },
        { "named uuid", new NamedUuid("row1"), "[\"named-uuid\",\"row1\"]" },
        { "empty set", OvsdbSet.Empty, "[\"set\",[]]" },
        { "set of strings", OvsdbSet.Of("a", "b"), "[\"set\",[\"a\",\"b\"]]" },
        { "map", OvsdbMap.Of(("k", "v")), "[\"map\",[[\"k\",\"v\"]]]" },
    };

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void WriteThenRead_GivesTheSameValue(string name, object value, string json)
    {
        Assert.NotNull(name);
        Assert.Equal(json, Write(value));
        Assert.Equal(value, Read(json));
    }

    [Fact]
    public void Integers_RoundTripAsLong()
    {
        Assert.Equal("42", Write(42L));
        Assert.Equal(42L, Assert.IsType<long>(Read("42")));
        Assert.Equal(-7L, Read("-7"));
    }

    [Fact]
    public void Sets_AreEqualRegardlessOfOrder() =>
        Assert.Equal(OvsdbSet.Of("a", "b", "c"), OvsdbSet.Of("c", "a", "b"));

    [Fact]
    public void SetDiff_IsTheSymmetricDifference() =>
        Assert.Equal(OvsdbSet.Of("a", "d"), OvsdbSet.Of("a", "b").SymmetricDifference(OvsdbSet.Of("b", "d")));

    [Fact]
    public void MapDiff_AddsRemovesAndChangesKeys()
    {
        var old = OvsdbMap.Of(("keep", "1"), ("drop", "2"), ("change", "3"));
        var diff = OvsdbMap.Of(("drop", "2"), ("change", "4"), ("add", "5"));
        Assert.Equal(OvsdbMap.Of(("keep", "1"), ("change", "4"), ("add", "5")), old.ApplyDiff(diff));
    }

    [Theory]
    [InlineData("unknown tag", "[\"list\",[]]")]
    [InlineData("a set of sets", "[\"set\",[[\"set\",[]]]]")]
    [InlineData("an object", "{\"a\":1}")]
    [InlineData("null", "null")]
    public void Read_NotAnOvsdbValue_ThrowsProtocolError(string name, string json)
    {
        Assert.NotNull(name);
        Assert.Throws<OvsdbProtocolException>(() => Read(json));
    }
}
