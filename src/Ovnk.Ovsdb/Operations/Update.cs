using System.Text.Json;
using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Operations;

/// <summary><c>update</c> (RFC 7047 §5.2.3): sets the given columns of every matching row; the result is a count.</summary>
public sealed record Update(string Table, IReadOnlyList<Condition> Where, OvsdbRow Row) : Operation
{
    /// <inheritdoc/>
    public override string Op => "update";

    /// <inheritdoc/>
    protected override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("table", Table);
        WriteWhere(writer, Where);
        WriteRow(writer, "row", Row);
    }
}
