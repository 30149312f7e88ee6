using System.Collections;

namespace Ovnk.Ovsdb.Protocol;

/// <summary>
/// An OVSDB set of atoms (RFC 7047 §5.1 <c>["set", […]]</c>). Immutable; equality ignores order, as set equality does.
/// Atoms are <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>, <see cref="string"/>, <see cref="Uuid"/>
/// or <see cref="NamedUuid"/>.
/// </summary>
public sealed class OvsdbSet : IReadOnlyList<object>, IEquatable<OvsdbSet>
{
    private readonly object[] _items;

    /// <summary>The empty set.</summary>
    public static OvsdbSet Empty { get; } = new([]);

    /// <summary>Creates a set from atoms; duplicates are removed (a set holds each atom once).</summary>
    public OvsdbSet(IEnumerable<object> items) => _items = items.Distinct().ToArray();

    /// <summary>Creates a set from atoms.</summary>
    public static OvsdbSet Of(params object[] items) => new(items);

    /// <inheritdoc/>
    public int Count => _items.Length;

    /// <inheritdoc/>
    public object this[int index] => _items[index];

    /// <summary>True if the set holds the atom.</summary>
    public bool Contains(object atom) => Array.IndexOf(_items, atom) >= 0;

    /// <summary>The symmetric difference, which is how an update2 "modify" describes a set change.</summary>
    public OvsdbSet SymmetricDifference(OvsdbSet diff)
    {
        var result = new List<object>(_items.Length + diff.Count);
        result.AddRange(_items.Where(a => !diff.Contains(a)));
        result.AddRange(diff._items.Where(a => !Contains(a)));
        return new OvsdbSet(result);
    }

    /// <inheritdoc/>
    public bool Equals(OvsdbSet? other)
    {
        if (other is null || other._items.Length != _items.Length)
            return false;
        if (_items.Length <= 8)
            return _items.All(other.Contains);
        return new HashSet<object>(_items).SetEquals(other._items);
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OvsdbSet s && Equals(s);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var item in _items)
            hash ^= item.GetHashCode(); // order-independent
        return hash ^ _items.Length;
    }

    /// <inheritdoc/>
    public IEnumerator<object> GetEnumerator() => ((IEnumerable<object>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => "[" + string.Join(", ", _items.Select(OvsdbValue.Format)) + "]";
}
