using System.Text.Json;
using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Operations;

/// <summary>
/// <c>insert</c> (RFC 7047 §5.2.1). <paramref name="UuidName"/> names the new row for later operations of the same
/// transaction; <paramref name="Uuid"/> asks for a specific UUID (ovsdb-server ≥ 2.13).
/// </summary>
public sealed record Insert(string Table, OvsdbRow Row, string? UuidName = null, Uuid? Uuid = null) : Operation
{
    /// <inheritdoc/>
    public override string Op => "insert";

    /// <inheritdoc/>
    protected override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("table", Table);
        WriteRow(writer, "row", Row);
        if (UuidName is not null)
            writer.WriteString("uuid-name", UuidName);
        if (Uuid is { } uuid)
            writer.WriteString("uuid", uuid.ToString());
    }
}
