using System.Collections;

namespace Ovnk.Ovsdb.Schemas.Typed;

/// <summary>
/// A typed OVSDB map column value (RFC 7047 §5.1): immutable, unique keys, equality ignores order. The <c>default</c>
/// value is the empty map, so a record's map properties need no initializer.
/// </summary>
public readonly struct OvsdbDictionary<TKey, TValue> : IReadOnlyDictionary<TKey, TValue>,
    IEquatable<OvsdbDictionary<TKey, TValue>>
    where TKey : notnull
{
    private readonly Dictionary<TKey, TValue>? _pairs;

    /// <summary>Creates a map; for a repeated key the last value wins.</summary>
    public OvsdbDictionary(IEnumerable<KeyValuePair<TKey, TValue>> pairs)
    {
        _pairs = new Dictionary<TKey, TValue>();
        foreach (var (k, v) in pairs)
            _pairs[k] = v;
    }

    /// <summary>The empty map.</summary>
    public static OvsdbDictionary<TKey, TValue> Empty => default;

    /// <summary>Creates a map from pairs: <c>OvsdbDictionary&lt;string, string&gt;.Of(("k8s.ovn.org/owner", "x"))</c>.</summary>
    public static OvsdbDictionary<TKey, TValue> Of(params (TKey Key, TValue Value)[] pairs) =>
        new(pairs.Select(p => new KeyValuePair<TKey, TValue>(p.Key, p.Value)));

    private IReadOnlyDictionary<TKey, TValue> Pairs => _pairs ?? (IReadOnlyDictionary<TKey, TValue>)EmptyPairs.Instance;

    /// <summary>A copy with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    public OvsdbDictionary<TKey, TValue> With(TKey key, TValue value) =>
        new(Pairs.Where(p => !EqualityComparer<TKey>.Default.Equals(p.Key, key)).Append(new(key, value)));

    /// <summary>A copy without <paramref name="key"/>.</summary>
    public OvsdbDictionary<TKey, TValue> Without(TKey key) =>
        new(Pairs.Where(p => !EqualityComparer<TKey>.Default.Equals(p.Key, key)));

    /// <inheritdoc/>
    public TValue this[TKey key] => Pairs[key];

    /// <inheritdoc/>
    public IEnumerable<TKey> Keys => Pairs.Keys;

    /// <inheritdoc/>
    public IEnumerable<TValue> Values => Pairs.Values;

    /// <inheritdoc/>
    public int Count => Pairs.Count;

    /// <summary>True when the map has no pair.</summary>
    public bool IsEmpty => Count == 0;

    /// <inheritdoc/>
    public bool ContainsKey(TKey key) => Pairs.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(TKey key, out TValue value) => Pairs.TryGetValue(key, out value!);

    /// <summary>The value for <paramref name="key"/>, or <paramref name="fallback"/>.</summary>
    public TValue GetValueOrDefault(TKey key, TValue fallback) => Pairs.TryGetValue(key, out var v) ? v : fallback;

    /// <inheritdoc/>
    public bool Equals(OvsdbDictionary<TKey, TValue> other)
    {
        var theirs = other.Pairs;
        return theirs.Count == Count &&
            Pairs.All(p => theirs.TryGetValue(p.Key, out var v) && EqualityComparer<TValue>.Default.Equals(v, p.Value));
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OvsdbDictionary<TKey, TValue> m && Equals(m);

    /// <inheritdoc/>
    public override int GetHashCode() => Pairs.Aggregate(Count, (h, p) => h ^ HashCode.Combine(p.Key, p.Value));

    /// <summary>Structural equality.</summary>
    public static bool operator ==(OvsdbDictionary<TKey, TValue> left, OvsdbDictionary<TKey, TValue> right) => left.Equals(right);

    /// <summary>Structural inequality.</summary>
    public static bool operator !=(OvsdbDictionary<TKey, TValue> left, OvsdbDictionary<TKey, TValue> right) => !left.Equals(right);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => Pairs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => "{" + string.Join(", ", Pairs.Select(p => $"{p.Key}={p.Value}")) + "}";

    /// <summary>One shared empty dictionary for <c>default</c> values.</summary>
    private static class EmptyPairs
    {
        public static readonly Dictionary<TKey, TValue> Instance = new();
    }
}
