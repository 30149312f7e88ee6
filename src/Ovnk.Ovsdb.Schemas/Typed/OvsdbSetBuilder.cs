namespace Ovnk.Ovsdb.Schemas.Typed;

/// <summary>Collection-expression support for <see cref="OvsdbSet{T}"/>.</summary>
public static class OvsdbSetBuilder
{
    /// <summary>Creates a set from a collection expression's elements.</summary>
    public static OvsdbSet<T> Create<T>(ReadOnlySpan<T> items) => new(items.ToArray());
}
