using System.Text.Json;
using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Schema;

/// <summary>A key or value type with its constraints (RFC 7047 §3.2 <c>&lt;base-type&gt;</c>).</summary>
public sealed record BaseType(
    AtomicType Type,
    OvsdbSet? Enum = null,
    long? MinInteger = null,
    long? MaxInteger = null,
    double? MinReal = null,
    double? MaxReal = null,
    long? MinLength = null,
    long? MaxLength = null,
    string? RefTable = null,
    bool WeakRef = false)
{
    internal static BaseType Parse(JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.String)
            return new BaseType(ParseAtomic(json.GetString()!));
        var type = ParseAtomic(json.GetProperty("type").GetString()!);
        OvsdbSet? enumValues = null;
        if (json.TryGetProperty("enum", out var e))
            enumValues = OvsdbValue.Read(e) as OvsdbSet ?? OvsdbSet.Of(OvsdbValue.Read(e));
        return new BaseType(type, enumValues,
            MinInteger: Long(json, "minInteger"), MaxInteger: Long(json, "maxInteger"),
            MinReal: json.TryGetProperty("minReal", out var a) ? a.GetDouble() : null,
            MaxReal: json.TryGetProperty("maxReal", out var b) ? b.GetDouble() : null,
            MinLength: Long(json, "minLength"), MaxLength: Long(json, "maxLength"),
            RefTable: json.TryGetProperty("refTable", out var r) ? r.GetString() : null,
            WeakRef: json.TryGetProperty("refType", out var rt) && rt.GetString() == "weak");
    }

    private static long? Long(JsonElement json, string name) => json.TryGetProperty(name, out var v) ? v.GetInt64() : null;

    private static AtomicType ParseAtomic(string name) => name switch
    {
        "integer" => AtomicType.Integer,
        "real" => AtomicType.Real,
        "boolean" => AtomicType.Boolean,
        "string" => AtomicType.String,
        "uuid" => AtomicType.Uuid,
        _ => throw new OvsdbProtocolException($"unknown OVSDB atomic type \"{name}\""),
    };

    /// <summary>Converts a wire atom to this type's CLR form (JSON integers in a real column become doubles).</summary>
    public object Normalize(object atom) => Type == AtomicType.Real && atom is long l ? (double)l : atom;

    /// <summary>The default atom of the type (RFC 7047 §5.1: 0, 0.0, false, "", the all-zero UUID).</summary>
    public object DefaultAtom() => Type switch
    {
        AtomicType.Integer => 0L,
        AtomicType.Real => 0.0,
        AtomicType.Boolean => false,
        AtomicType.String => "",
        _ => new Uuid(Guid.Empty),
    };
}
