using System.Collections;
using System.Runtime.CompilerServices;

namespace Ovnk.Ovsdb.Schemas.Typed;

/// <summary>
/// A typed OVSDB set column value (RFC 7047 §5.1): immutable, each element once, equality ignores order. The
/// <c>default</c> value is the empty set, so a record's set properties need no initializer.
/// Build one with a collection expression: <c>Acls = [a, b]</c>.
/// </summary>
[CollectionBuilder(typeof(OvsdbSetBuilder), nameof(OvsdbSetBuilder.Create))]
public readonly struct OvsdbSet<T> : IReadOnlyList<T>, IEquatable<OvsdbSet<T>>
{
    private readonly T[]? _items;

    /// <summary>Creates a set; duplicates are dropped, first occurrence order kept.</summary>
    public OvsdbSet(IEnumerable<T> items) => _items = items.Distinct().ToArray();

    /// <summary>The empty set.</summary>
    public static OvsdbSet<T> Empty => default;

    private T[] Items => _items ?? [];

    /// <inheritdoc/>
    public int Count => Items.Length;

    /// <summary>True when the set has no element.</summary>
    public bool IsEmpty => Count == 0;

    /// <inheritdoc/>
    public T this[int index] => Items[index];

    /// <summary>True if the set holds <paramref name="item"/>.</summary>
    public bool Contains(T item) => Array.IndexOf(Items, item) >= 0;

    /// <summary>A copy with <paramref name="item"/> added.</summary>
    public OvsdbSet<T> Add(T item) => Contains(item) ? this : new OvsdbSet<T>([.. Items, item]);

    /// <summary>A copy without <paramref name="item"/>.</summary>
    public OvsdbSet<T> Remove(T item) => new(Items.Where(i => !EqualityComparer<T>.Default.Equals(i, item)));

    /// <inheritdoc/>
    public bool Equals(OvsdbSet<T> other)
    {
        var mine = Items;
        var theirs = other.Items;
        if (mine.Length != theirs.Length)
            return false;
        return mine.Length <= 8 ? mine.All(other.Contains) : new HashSet<T>(mine).SetEquals(theirs);
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OvsdbSet<T> s && Equals(s);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = Count;
        foreach (var item in Items)
            hash ^= item is null ? 0 : EqualityComparer<T>.Default.GetHashCode(item); // order-independent
        return hash;
    }

    /// <summary>Structural equality.</summary>
    public static bool operator ==(OvsdbSet<T> left, OvsdbSet<T> right) => left.Equals(right);

    /// <summary>Structural inequality.</summary>
    public static bool operator !=(OvsdbSet<T> left, OvsdbSet<T> right) => !left.Equals(right);

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => "[" + string.Join(", ", Items) + "]";
}
