using System.Text.Json;

namespace Ovnk.Ovsdb.Protocol;

/// <summary>A mutation (RFC 7047 §5.1 <c>&lt;mutation&gt;</c>): <c>[column, mutator, value]</c>.</summary>
public sealed record Mutation(string Column, Mutator Mutator, object Value)
{
    /// <summary>Inserts the atoms of a set, or the pairs of a map (existing keys keep their value).</summary>
    public static Mutation Insert(string column, object value) => new(column, Mutator.Insert, value);

    /// <summary>Deletes atoms from a set; from a map, pairs (a map value) or keys (a set value).</summary>
    public static Mutation Delete(string column, object value) => new(column, Mutator.Delete, value);

    internal void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        writer.WriteStringValue(Column);
        writer.WriteStringValue(Mutator switch
        {
            Mutator.Add => "+=",
            Mutator.Subtract => "-=",
            Mutator.Multiply => "*=",
            Mutator.Divide => "/=",
            Mutator.Modulo => "%=",
            Mutator.Insert => "insert",
            Mutator.Delete => "delete",
            _ => throw new InvalidOperationException($"unknown mutator {Mutator}"),
        });
        OvsdbValue.Write(writer, Value);
        writer.WriteEndArray();
    }
}
