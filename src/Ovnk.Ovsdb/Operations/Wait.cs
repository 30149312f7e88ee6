using System.Text.Json;
using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Operations;

/// <summary>
/// <c>wait</c> (RFC 7047 §5.2.6): holds the transaction until the selected columns of the matching rows are
/// (<paramref name="Equal"/>) or are not equal to <paramref name="Rows"/>, or fails with "timed out" after
/// <paramref name="TimeoutMs"/>. With a timeout of 0 it is a precondition guard: the basis of idempotent writes.
/// </summary>
public sealed record Wait(
    string Table,
    IReadOnlyList<Condition> Where,
    IReadOnlyList<string> Columns,
    IReadOnlyList<OvsdbRow> Rows,
    bool Equal = true,
    long? TimeoutMs = 0) : Operation
{
    /// <inheritdoc/>
    public override string Op => "wait";

    /// <inheritdoc/>
    protected override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("table", Table);
        WriteWhere(writer, Where);
        WriteColumns(writer, "columns", Columns);
        writer.WriteString("until", Equal ? "==" : "!=");
        writer.WriteStartArray("rows");
        foreach (var row in Rows)
        {
            writer.WriteStartObject();
            foreach (var (column, value) in row)
            {
                writer.WritePropertyName(column);
                OvsdbValue.Write(writer, value);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        if (TimeoutMs is { } timeout)
            writer.WriteNumber("timeout", timeout);
    }
}
