using System.Text.Json;

namespace Ovnk.Ovsdb.Schema;

/// <summary>A table (RFC 7047 §3.2 <c>&lt;table-schema&gt;</c>); <see cref="Indexes"/> are its unique column sets.</summary>
public sealed record TableSchema(
    string Name,
    IReadOnlyDictionary<string, ColumnSchema> Columns,
    bool IsRoot,
    long? MaxRows,
    IReadOnlyList<IReadOnlyList<string>> Indexes)
{
    internal static TableSchema Parse(string name, JsonElement json)
    {
        var columns = json.GetProperty("columns").EnumerateObject()
            .Select(c => ColumnSchema.Parse(c.Name, c.Value))
            .ToDictionary(c => c.Name, StringComparer.Ordinal);
        var indexes = json.TryGetProperty("indexes", out var ix)
            ? ix.EnumerateArray().Select(i => (IReadOnlyList<string>)i.EnumerateArray().Select(c => c.GetString()!).ToArray()).ToArray()
            : [];
        return new TableSchema(name, columns,
            json.TryGetProperty("isRoot", out var r) && r.GetBoolean(),
            json.TryGetProperty("maxRows", out var m) ? m.GetInt64() : null,
            indexes);
    }

    /// <summary>The column, or null if the schema has none by that name (e.g. a newer or older server).</summary>
    public ColumnSchema? Column(string name) => Columns.GetValueOrDefault(name);
}
