using System.Text.Json;

namespace Ovnk.Ovsdb.Protocol;

/// <summary>
/// A where-clause condition (RFC 7047 §5.1 <c>&lt;condition&gt;</c>): <c>[column, function, value]</c>, or a bare
/// boolean in monitor_cond (ovsdb-server(7) §4.1.12), made with <see cref="Always"/>.
/// </summary>
public sealed record Condition(string? Column, ConditionFunction Function, object? Value)
{
    /// <summary>A condition true (or false) for every row.</summary>
    public static Condition Always(bool value) => new(null, ConditionFunction.Equal, value);

    /// <summary><c>column == value</c>.</summary>
    public static Condition Eq(string column, object value) => new(column, ConditionFunction.Equal, value);

    /// <summary><c>column != value</c>.</summary>
    public static Condition Ne(string column, object value) => new(column, ConditionFunction.NotEqual, value);

    /// <summary><c>column includes value</c> (for sets and maps: value is a subset).</summary>
    public static Condition Includes(string column, object value) => new(column, ConditionFunction.Includes, value);

    /// <summary>The row's own UUID equals <paramref name="uuid"/>.</summary>
    public static Condition ByUuid(Uuid uuid) => Eq("_uuid", uuid);

    internal void Write(Utf8JsonWriter writer)
    {
        if (Column is null)
        {
            writer.WriteBooleanValue(Value is true);
            return;
        }
        writer.WriteStartArray();
        writer.WriteStringValue(Column);
        writer.WriteStringValue(Function.WireName());
        OvsdbValue.Write(writer, Value!);
        writer.WriteEndArray();
    }
}
