using System.Text.Json;
using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Schema;

/// <summary>
/// A column's type (RFC 7047 §3.2 <c>&lt;type&gt;</c>): a key type, an optional value type (a map), and how many
/// elements it holds. <see cref="Max"/> is null for "unlimited".
/// </summary>
public sealed record ColumnType(BaseType Key, BaseType? Value, long Min, long? Max)
{
    /// <summary>True for a map column.</summary>
    public bool IsMap => Value is not null;

    /// <summary>True for a column that holds exactly one atom.</summary>
    public bool IsScalar => Value is null && Min == 1 && Max == 1;

    /// <summary>True for a set column (including optional 0-or-1 columns).</summary>
    public bool IsSet => Value is null && !IsScalar;

    internal static ColumnType Parse(JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.String)
            return new ColumnType(BaseType.Parse(json), null, 1, 1);
        var key = BaseType.Parse(json.GetProperty("key"));
        var value = json.TryGetProperty("value", out var v) ? BaseType.Parse(v) : null;
        var min = json.TryGetProperty("min", out var mn) ? mn.GetInt64() : 1;
        long? max = 1;
        if (json.TryGetProperty("max", out var mx))
            max = mx.ValueKind == JsonValueKind.String ? null : mx.GetInt64(); // "unlimited"
        return new ColumnType(key, value, min, max);
    }

    /// <summary>
    /// Brings a wire value to the column's canonical form: a set column always holds an <see cref="OvsdbSet"/>
    /// (the wire may send a 1-element set as a bare atom), a map an <see cref="OvsdbMap"/>, reals are doubles.
    /// </summary>
    public object Normalize(object value)
    {
        if (IsMap)
        {
            return value is OvsdbMap map
                ? new OvsdbMap(map.Select(p => new KeyValuePair<object, object>(Key.Normalize(p.Key), Value!.Normalize(p.Value))))
                : throw new OvsdbProtocolException($"expected a map, got {OvsdbValue.Format(value)}");
        }
        if (IsSet)
            return value is OvsdbSet set ? (Key.Type == AtomicType.Real ? new OvsdbSet(set.Select(Key.Normalize)) : set)
                : OvsdbSet.Of(Key.Normalize(value));
        return value is OvsdbSet { Count: 1 } one ? Key.Normalize(one[0]) : Key.Normalize(value);
    }

    /// <summary>
    /// Applies an update2 "modify" diff to a normalised value: the new value for scalars, the key-wise diff for maps,
    /// the symmetric difference for sets (ovsdb-server(7) §4.1.12). An optional column (max 1) cannot hold two
    /// atoms, so when the symmetric difference would, the server sent the new value itself, which is what
    /// ovsdb-server 3.1 does for such columns.
    /// </summary>
    public object ApplyDiff(object current, object diff)
    {
        var change = Normalize(diff);
        if (IsMap)
            return ((OvsdbMap)current).ApplyDiff((OvsdbMap)change);
        if (!IsSet)
            return change;
        var next = ((OvsdbSet)current).SymmetricDifference((OvsdbSet)change);
        return Max is { } max && next.Count > max ? change : next;
    }

    /// <summary>The column's default value: the empty set or map, or the key type's default atom.</summary>
    public object DefaultValue() => IsMap ? OvsdbMap.Empty : IsSet ? OvsdbSet.Empty : Key.DefaultAtom();
}
