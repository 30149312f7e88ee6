using System.Text.Json.Nodes;

namespace Ovnk.Lab.Tables;

/// <summary>The columns for one kind and the function that renders an object's cells (given "now" for AGE).</summary>
public sealed record Printer(IReadOnlyList<Column> Columns, Func<JsonObject, DateTimeOffset, JsonNode?[]> Cells);
