using System.Text.Json;

namespace Ovnk.Ovsdb.Schema;

/// <summary>A database schema (RFC 7047 §3.2 <c>&lt;database-schema&gt;</c>), from a server or an .ovsschema file.</summary>
public sealed record DatabaseSchema(string Name, string Version, IReadOnlyDictionary<string, TableSchema> Tables)
{
    /// <summary>Parses a schema document.</summary>
    /// <exception cref="OvsdbProtocolException">The document is not an OVSDB schema.</exception>
    public static DatabaseSchema Parse(JsonElement json)
    {
        try
        {
            var tables = json.GetProperty("tables").EnumerateObject()
                .Select(t => TableSchema.Parse(t.Name, t.Value))
                .ToDictionary(t => t.Name, StringComparer.Ordinal);
            return new DatabaseSchema(json.GetProperty("name").GetString()!,
                json.TryGetProperty("version", out var v) ? v.GetString()! : "", tables);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new OvsdbProtocolException($"not a valid OVSDB schema: {e.Message}", e);
        }
    }

    /// <summary>Reads an .ovsschema file (e.g. /usr/share/ovn/ovn-nb.ovsschema).</summary>
    public static DatabaseSchema Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return Parse(document.RootElement);
    }

    /// <summary>The table, or null.</summary>
    public TableSchema? Table(string name) => Tables.GetValueOrDefault(name);
}
