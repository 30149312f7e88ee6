using System.Collections;

namespace Ovnk.Ovsdb.Protocol;

/// <summary>
/// A row as it travels on the wire: column name → value (RFC 7047 §5.1 <c>&lt;row&gt;</c>). Columns that are absent
/// have their default value. Immutable once built; use the collection initializer or <see cref="With"/>.
/// </summary>
public sealed class OvsdbRow : IReadOnlyDictionary<string, object>, IEquatable<OvsdbRow>
{
    private readonly Dictionary<string, object> _columns;

    /// <summary>Creates an empty row (fill it with a collection initializer).</summary>
    public OvsdbRow() => _columns = new Dictionary<string, object>(StringComparer.Ordinal);

    /// <summary>Creates a row from columns.</summary>
    public OvsdbRow(IEnumerable<KeyValuePair<string, object>> columns) =>
        _columns = new Dictionary<string, object>(columns, StringComparer.Ordinal);

    /// <summary>Adds a column (collection-initializer support; use only while building).</summary>
    public void Add(string column, object value) => _columns.Add(column, value);

    /// <summary>Sets a column while reading from the wire, where the last of duplicate JSON keys wins.</summary>
    internal void Set(string column, object value) => _columns[column] = value;

    /// <summary>A copy with one column set.</summary>
    public OvsdbRow With(string column, object value) => new(_columns) { [column] = value };

    /// <summary>Sets a column while building a copy (used by <see cref="With"/>).</summary>
    public object this[string column]
    {
        get => _columns[column];
        init => _columns[column] = value;
    }

    /// <summary>The value of a column, or null when absent.</summary>
    public object? Get(string column) => _columns.GetValueOrDefault(column);

    /// <summary>The value of a string column, or null.</summary>
    public string? GetString(string column) => Get(column) switch
    {
        string s => s,
        OvsdbSet { Count: 1 } set => set[0] as string,
        _ => null,
    };

    /// <summary>The value of a map column, or the empty map.</summary>
    public OvsdbMap GetMap(string column) => Get(column) as OvsdbMap ?? OvsdbMap.Empty;

    /// <summary>The value of a set column (a bare atom counts as a 1-element set), or the empty set.</summary>
    public OvsdbSet GetSet(string column) => Get(column) switch
    {
        OvsdbSet s => s,
        null => OvsdbSet.Empty,
        var atom => OvsdbSet.Of(atom),
    };

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _columns.Keys;

    /// <inheritdoc/>
    public IEnumerable<object> Values => _columns.Values;

    /// <inheritdoc/>
    public int Count => _columns.Count;

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _columns.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, out object value) => _columns.TryGetValue(key, out value!);

    /// <inheritdoc/>
    public bool Equals(OvsdbRow? other) =>
        other is not null && other.Count == Count &&
        _columns.All(c => other._columns.TryGetValue(c.Key, out var v) && v.Equals(c.Value));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OvsdbRow r && Equals(r);

    /// <inheritdoc/>
    public override int GetHashCode() => _columns.Aggregate(Count, (h, c) => h ^ HashCode.Combine(c.Key, c.Value));

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _columns.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
