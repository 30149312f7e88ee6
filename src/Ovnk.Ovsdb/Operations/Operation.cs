using System.Text.Json;
using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Operations;

/// <summary>
/// One operation of a <c>transact</c> (RFC 7047 §5.2). Each kind is its own sealed record; builders produce them and
/// only <see cref="Client.OvsdbClient.TransactAsync"/> sends them.
/// </summary>
public abstract record Operation
{
    /// <summary>The operation's name on the wire.</summary>
    public abstract string Op { get; }

    /// <summary>Writes the operation object.</summary>
    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("op", Op);
        WriteFields(writer);
        writer.WriteEndObject();
    }

    /// <summary>Writes the fields after <c>op</c>.</summary>
    protected abstract void WriteFields(Utf8JsonWriter writer);

    /// <summary>Writes a <c>where</c> array.</summary>
    protected static void WriteWhere(Utf8JsonWriter writer, IReadOnlyList<Condition> where)
    {
        writer.WriteStartArray("where");
        foreach (var condition in where)
            condition.Write(writer);
        writer.WriteEndArray();
    }

    /// <summary>Writes a row object under <paramref name="name"/>.</summary>
    protected static void WriteRow(Utf8JsonWriter writer, string name, OvsdbRow row)
    {
        writer.WriteStartObject(name);
        foreach (var (column, value) in row)
        {
            writer.WritePropertyName(column);
            OvsdbValue.Write(writer, value);
        }
        writer.WriteEndObject();
    }

    /// <summary>Writes a list of column names under <paramref name="name"/>.</summary>
    protected static void WriteColumns(Utf8JsonWriter writer, string name, IReadOnlyList<string> columns)
    {
        writer.WriteStartArray(name);
        foreach (var column in columns)
            writer.WriteStringValue(column);
        writer.WriteEndArray();
    }
}
