using System.Collections;

namespace Ovnk.Ovsdb.Protocol;

/// <summary>
/// An OVSDB map (RFC 7047 §5.1 <c>["map", [[k, v], …]]</c>). Immutable; keys are unique; equality ignores order.
/// </summary>
public sealed class OvsdbMap : IReadOnlyDictionary<object, object>, IEquatable<OvsdbMap>
{
    private readonly Dictionary<object, object> _pairs;

    /// <summary>The empty map.</summary>
    public static OvsdbMap Empty { get; } = new(new Dictionary<object, object>());

    /// <summary>Creates a map; for a repeated key the last value wins (ovsdb-server(7) does the same for JSON).</summary>
    public OvsdbMap(IEnumerable<KeyValuePair<object, object>> pairs)
    {
        _pairs = new Dictionary<object, object>();
        foreach (var (k, v) in pairs)
            _pairs[k] = v;
    }

    private OvsdbMap(Dictionary<object, object> pairs) => _pairs = pairs;

    /// <summary>Creates a string→string map, the shape of every external_ids column.</summary>
    public static OvsdbMap Of(params (string Key, string Value)[] pairs) =>
        new(pairs.Select(p => new KeyValuePair<object, object>(p.Key, p.Value)));

    /// <summary>
    /// Applies an update2 "modify" diff: a key absent here is added, a key present with the same value is removed,
    /// a key present with another value takes the new value (ovsdb-server(7) §4.1.12).
    /// </summary>
    public OvsdbMap ApplyDiff(OvsdbMap diff)
    {
        var result = new Dictionary<object, object>(_pairs);
        foreach (var (k, v) in diff._pairs)
        {
            if (result.TryGetValue(k, out var old) && old.Equals(v))
                result.Remove(k);
            else
                result[k] = v;
        }
        return new OvsdbMap(result);
    }

    /// <inheritdoc/>
    public object this[object key] => _pairs[key];

    /// <inheritdoc/>
    public IEnumerable<object> Keys => _pairs.Keys;

    /// <inheritdoc/>
    public IEnumerable<object> Values => _pairs.Values;

    /// <inheritdoc/>
    public int Count => _pairs.Count;

    /// <inheritdoc/>
    public bool ContainsKey(object key) => _pairs.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(object key, out object value) => _pairs.TryGetValue(key, out value!);

    /// <summary>The value of a string key as a string, or null.</summary>
    public string? GetString(string key) => _pairs.TryGetValue(key, out var v) ? v as string : null;

    /// <inheritdoc/>
    public bool Equals(OvsdbMap? other) =>
        other is not null && other._pairs.Count == _pairs.Count &&
        _pairs.All(p => other._pairs.TryGetValue(p.Key, out var v) && v.Equals(p.Value));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OvsdbMap m && Equals(m);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = _pairs.Count;
        foreach (var (k, v) in _pairs)
            hash ^= HashCode.Combine(k, v);
        return hash;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<object, object>> GetEnumerator() => _pairs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() =>
        "{" + string.Join(", ", _pairs.Select(p => $"{OvsdbValue.Format(p.Key)}={OvsdbValue.Format(p.Value)}")) + "}";
}
