using System.Text.Json;
using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Operations;

/// <summary><c>select</c> (RFC 7047 §5.2.2): the rows matching every condition; all columns when none are named.</summary>
public sealed record Select(string Table, IReadOnlyList<Condition> Where, IReadOnlyList<string>? Columns = null) : Operation
{
    /// <inheritdoc/>
    public override string Op => "select";

    /// <inheritdoc/>
    protected override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("table", Table);
        WriteWhere(writer, Where);
        if (Columns is not null)
            WriteColumns(writer, "columns", Columns);
    }
}
