using System.Text.Json;

namespace Ovnk.Ovsdb.Schema;

/// <summary>A column (RFC 7047 §3.2 <c>&lt;column-schema&gt;</c>).</summary>
public sealed record ColumnSchema(string Name, ColumnType Type, bool Ephemeral, bool Mutable)
{
    internal static ColumnSchema Parse(string name, JsonElement json) => new(
        name,
        ColumnType.Parse(json.GetProperty("type")),
        json.TryGetProperty("ephemeral", out var e) && e.GetBoolean(),
        !json.TryGetProperty("mutable", out var m) || m.GetBoolean());
}
