using System.Text.Json;
using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Operations;

/// <summary><c>mutate</c> (RFC 7047 §5.2.4): applies the mutations to every matching row; the result is a count.</summary>
public sealed record Mutate(string Table, IReadOnlyList<Condition> Where, IReadOnlyList<Mutation> Mutations) : Operation
{
    /// <inheritdoc/>
    public override string Op => "mutate";

    /// <inheritdoc/>
    protected override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("table", Table);
        WriteWhere(writer, Where);
        writer.WriteStartArray("mutations");
        foreach (var mutation in Mutations)
            mutation.Write(writer);
        writer.WriteEndArray();
    }
}
