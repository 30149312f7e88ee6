using Ovnk.Ovsdb.Schemas.Typed;

namespace Ovnk.Ovsdb.Generator.Tests;

public sealed class TypedCollectionTests
{
    [Fact]
    public void OvsdbSet_EqualityIgnoresOrderAndDuplicates()
    {
        OvsdbSet<string> a = ["x", "y", "x"];
        OvsdbSet<string> b = ["y", "x"];
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(2, a.Count);
        Assert.NotEqual(a, b.Add("z"));
        Assert.Equal(b, b.Add("z").Remove("z"));
    }

    [Fact]
    public void OvsdbSet_Default_IsTheEmptySet()
    {
        Assert.Equal(OvsdbSet<long>.Empty, new OvsdbSet<long>([]));
        Assert.True(default(OvsdbSet<long>).IsEmpty);
        Assert.Empty(default(OvsdbSet<long>));
    }

    [Fact]
    public void OvsdbSet_LargeSets_CompareAsSets()
    {
        var a = new OvsdbSet<long>(Enumerable.Range(0, 100).Select(i => (long)i));
        var b = new OvsdbSet<long>(Enumerable.Range(0, 100).Reverse().Select(i => (long)i));
        Assert.True(a == b);
        Assert.False(a == b.Remove(50).Add(500));
    }

    [Fact]
    public void OvsdbDictionary_EqualityIgnoresOrder_AndTheLastValueOfAKeyWins()
    {
        var a = OvsdbDictionary<string, string>.Of(("a", "1"), ("b", "2"));
        var b = OvsdbDictionary<string, string>.Of(("b", "2"), ("a", "0"), ("a", "1"));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, a.With("a", "9"));
        Assert.Equal("9", a.With("a", "9")["a"]);
        Assert.Equal(OvsdbDictionary<string, string>.Of(("b", "2")), a.Without("a"));
        Assert.Equal(default, OvsdbDictionary<string, string>.Empty.With("x", "y").Without("x"));
        Assert.Equal("d", default(OvsdbDictionary<string, string>).GetValueOrDefault("missing", "d"));
    }
}
