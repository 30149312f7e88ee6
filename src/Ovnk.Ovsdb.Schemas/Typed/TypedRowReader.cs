using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Schemas.Typed;

/// <summary>
/// Reads a wire row into typed values for generated <c>FromRow</c> methods. It never throws on the row's content:
/// an absent column is the column's default (update2 and monitor rows omit defaults, RFC 7047 §4.1.6), a value of
/// the wrong type is reported as <see cref="SchemaDiagnosticKind.BadValue"/> and read as the default.
/// </summary>
public readonly struct TypedRowReader(string schemaSource, string table, OvsdbRow row, SchemaDiagnostics? diagnostics)
{
    private SchemaDiagnostics Diagnostics => diagnostics ?? SchemaDiagnostics.Shared;

    /// <summary>Reports every column of the row that <paramref name="known"/> lacks (a newer server's column).</summary>
    public void ReportUnknownColumns(IReadOnlySet<string> known)
    {
        foreach (var column in row.Keys)
        {
            if (column is "_uuid" or "_version" || known.Contains(column))
                continue;
            Diagnostics.Report(new SchemaDiagnostic(SchemaDiagnosticKind.UnknownColumn, table, column,
                $"table {table}: the server sent column \"{column}\", which the typed rows generated from " +
                $"{schemaSource} do not know; it is ignored. To use it, regenerate them from the server's schema " +
                "(scripts/generate-schemas.sh)."));
        }
    }

    /// <summary>A column holding exactly one atom.</summary>
    public T Scalar<T>(string column, AtomCodec<T> codec, T fallback)
    {
        var value = row.Get(column);
        if (value is null)
            return fallback;
        var atom = value is OvsdbSet { Count: 1 } one ? one[0] : value;
        return codec.TryRead(atom, out var typed) ? typed : Bad(column, value, codec, fallback);
    }

    /// <summary>An optional (0 or 1 atoms) column of a value type.</summary>
    public T? Optional<T>(string column, AtomCodec<T> codec) where T : struct =>
        Atoms(column, codec) is [var first, ..] ? first : null;

    /// <summary>An optional (0 or 1 atoms) column of a reference type (strings).</summary>
    public T? OptionalClass<T>(string column, AtomCodec<T> codec) where T : class =>
        Atoms(column, codec) is [var first, ..] ? first : null;

    /// <summary>A set column.</summary>
    public OvsdbSet<T> Set<T>(string column, AtomCodec<T> codec) => new(Atoms(column, codec));

    /// <summary>A map column.</summary>
    public OvsdbDictionary<TKey, TValue> Map<TKey, TValue>(string column, AtomCodec<TKey> keys, AtomCodec<TValue> values)
        where TKey : notnull
    {
        var value = row.Get(column);
        if (value is null)
            return default;
        if (value is not OvsdbMap map)
            return Bad(column, value, keys, default(OvsdbDictionary<TKey, TValue>));
        var pairs = new List<KeyValuePair<TKey, TValue>>(map.Count);
        foreach (var (k, v) in map)
        {
            if (keys.TryRead(k, out var key) && values.TryRead(v, out var typed))
                pairs.Add(new(key, typed));
            else
                Bad(column, $"{OvsdbValue.Format(k)}={OvsdbValue.Format(v)}", keys, 0, values.TypeName);
        }
        return new OvsdbDictionary<TKey, TValue>(pairs);
    }

    private List<T> Atoms<T>(string column, AtomCodec<T> codec)
    {
        var atoms = new List<T>();
        var value = row.Get(column);
        if (value is null)
            return atoms;
        foreach (var atom in value as OvsdbSet ?? OvsdbSet.Of(value))
        {
            if (codec.TryRead(atom, out var typed))
                atoms.Add(typed);
            else
                Bad(column, atom, codec, 0);
        }
        return atoms;
    }

    private TFallback Bad<T, TFallback>(string column, object value, AtomCodec<T> codec, TFallback fallback,
        string? valueType = null)
    {
        var type = valueType is null ? codec.TypeName : $"map {codec.TypeName}→{valueType}";
        var shown = value is string s ? s : OvsdbValue.Format(value);
        Diagnostics.Report(new SchemaDiagnostic(SchemaDiagnosticKind.BadValue, table, column,
            $"table {table} column {column}: the value {shown} is not a valid {type} in {schemaSource}; the " +
            "default is used instead. The server's schema differs: regenerate the typed rows from it " +
            "(scripts/generate-schemas.sh)."));
        return fallback;
    }
}
