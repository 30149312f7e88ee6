using System.Text.Json;
using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Operations;

/// <summary><c>delete</c> (RFC 7047 §5.2.5): deletes every matching row; the result is a count.</summary>
public sealed record Delete(string Table, IReadOnlyList<Condition> Where) : Operation
{
    /// <inheritdoc/>
    public override string Op => "delete";

    /// <inheritdoc/>
    protected override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("table", Table);
        WriteWhere(writer, Where);
    }
}
