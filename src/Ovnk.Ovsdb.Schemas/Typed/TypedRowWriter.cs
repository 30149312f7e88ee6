using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Schemas.Typed;

/// <summary>
/// Builds a wire row from typed values for generated <c>ToRow</c> methods. By default a column equal to its OVSDB
/// default (0, "", false, empty set or map) is left out, so an insert carries only what was set (RFC 7047 §5.2.1:
/// omitted columns take their defaults). With <c>includeDefaults</c> every column is written, which an update
/// needs to clear a column.
/// </summary>
public sealed class TypedRowWriter(bool includeDefaults)
{
    private readonly OvsdbRow _row = new();

    /// <summary>The row built so far.</summary>
    public OvsdbRow Row => _row;

    /// <summary>A single-atom column, left out when equal to <paramref name="fallback"/>.</summary>
    public void Scalar<T>(string column, T value, AtomCodec<T> codec, T fallback)
    {
        if (includeDefaults || !EqualityComparer<T>.Default.Equals(value, fallback))
            _row.Add(column, codec.Write(value));
    }

    /// <summary>A single-atom column always written (an enum has no valid empty default).</summary>
    public void Required<T>(string column, T value, AtomCodec<T> codec) => _row.Add(column, codec.Write(value));

    /// <summary>An optional column of a value type.</summary>
    public void Optional<T>(string column, T? value, AtomCodec<T> codec) where T : struct
    {
        if (value is { } v)
            _row.Add(column, OvsdbSet.Of(codec.Write(v)));
        else if (includeDefaults)
            _row.Add(column, OvsdbSet.Empty);
    }

    /// <summary>An optional column of a reference type (strings).</summary>
    public void OptionalClass<T>(string column, T? value, AtomCodec<T> codec) where T : class
    {
        if (value is not null)
            _row.Add(column, OvsdbSet.Of(codec.Write(value)));
        else if (includeDefaults)
            _row.Add(column, OvsdbSet.Empty);
    }

    /// <summary>A set column.</summary>
    public void Set<T>(string column, OvsdbSet<T> value, AtomCodec<T> codec)
    {
        if (includeDefaults || !value.IsEmpty)
            _row.Add(column, new OvsdbSet(value.Select(codec.Write)));
    }

    /// <summary>A map column.</summary>
    public void Map<TKey, TValue>(string column, OvsdbDictionary<TKey, TValue> value, AtomCodec<TKey> keys,
        AtomCodec<TValue> values) where TKey : notnull
    {
        if (includeDefaults || !value.IsEmpty)
            _row.Add(column, new OvsdbMap(value.Select(p => new KeyValuePair<object, object>(keys.Write(p.Key), values.Write(p.Value)))));
    }
}
