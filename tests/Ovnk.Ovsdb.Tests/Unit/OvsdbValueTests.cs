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

public sealed class ColumnTypeDiffTests
{
    private static readonly Schema.ColumnType Optional = new(new Schema.BaseType(Schema.AtomicType.Integer), null, 0, 1);
    private static readonly Schema.ColumnType Set = new(new Schema.BaseType(Schema.AtomicType.String), null, 0, null);

    [Theory]
    [InlineData("optional set from empty", new long[0], new long[] { 5 }, new long[] { 5 })]
    [InlineData("optional cleared by the same value", new long[] { 5 }, new long[] { 5 }, new long[0])]
    [InlineData("optional changed: diff is the new value", new long[] { 5 }, new long[] { 6 }, new long[] { 6 })]
    [InlineData("optional changed: diff is both values", new long[] { 5 }, new long[] { 5, 6 }, new long[] { 6 })]
    public void ApplyDiff_OptionalColumn(string name, long[] current, long[] diff, long[] expected)
    {
        Assert.NotNull(name);
        var result = Optional.ApplyDiff(new OvsdbSet(current.Cast<object>()), new OvsdbSet(diff.Cast<object>()));
        Assert.Equal(new OvsdbSet(expected.Cast<object>()), result);
    }

    [Fact]
    public void ApplyDiff_UnboundedSet_IsTheSymmetricDifference() =>
        Assert.Equal(OvsdbSet.Of("a", "c"), Set.ApplyDiff(OvsdbSet.Of("a", "b"), OvsdbSet.Of("b", "c")));

    [Fact]
    public void ApplyDiff_BareAtomForASet_CountsAsOneElement() =>
        Assert.Equal(OvsdbSet.Of("a", "b"), Set.ApplyDiff(OvsdbSet.Of("a"), "b"));
}
