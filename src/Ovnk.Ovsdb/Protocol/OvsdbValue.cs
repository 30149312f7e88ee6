using System.Globalization;
using System.Text.Json;

namespace Ovnk.Ovsdb.Protocol;

/// <summary>
/// Reads and writes OVSDB values in their JSON notation (RFC 7047 §5.1). A value is an atom (<see cref="long"/>,
/// <see cref="double"/>, <see cref="bool"/>, <see cref="string"/>, <see cref="Uuid"/>, <see cref="NamedUuid"/>),
/// an <see cref="OvsdbSet"/> or an <see cref="OvsdbMap"/>.
/// </summary>
public static class OvsdbValue
{
    /// <summary>Reads a value. Integral numbers become <see cref="long"/>, others <see cref="double"/>.</summary>
    /// <exception cref="OvsdbProtocolException">The JSON is not an OVSDB value.</exception>
    public static object Read(JsonElement json)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.String: return json.GetString()!;
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.Number:
                return json.TryGetInt64(out var l) ? (object)l : json.GetDouble(); // not a bare ternary: long ? double is double
            case JsonValueKind.Array when json.GetArrayLength() == 2 && json[0].ValueKind == JsonValueKind.String:
                return ReadTagged(json[0].GetString()!, json[1]);
            default:
                throw new OvsdbProtocolException($"not an OVSDB value: {Truncate(json.GetRawText())}");
        }
    }

    private static object ReadTagged(string tag, JsonElement payload)
    {
        switch (tag)
        {
            case "uuid": return Uuid.Parse(payload.GetString()!);
            case "named-uuid": return new NamedUuid(payload.GetString()!);
            case "set":
                return new OvsdbSet(payload.EnumerateArray().Select(ReadAtom));
            case "map":
                return new OvsdbMap(payload.EnumerateArray().Select(p =>
                    new KeyValuePair<object, object>(ReadAtom(p[0]), ReadAtom(p[1]))));
            default:
                throw new OvsdbProtocolException($"unknown OVSDB value tag \"{tag}\"");
        }
    }

    private static object ReadAtom(JsonElement json)
    {
        var value = Read(json);
        if (value is OvsdbSet or OvsdbMap)
            throw new OvsdbProtocolException($"a set or map cannot hold a set or map: {Truncate(json.GetRawText())}");
        return value;
    }

    /// <summary>Writes a value in JSON notation.</summary>
    public static void Write(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case string s: writer.WriteStringValue(s); break;
            case long l: writer.WriteNumberValue(l); break;
            case int i: writer.WriteNumberValue(i); break;
            case double d: writer.WriteNumberValue(d); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case Uuid u: WriteTagged(writer, "uuid", u.ToString()); break;
            case NamedUuid n: WriteTagged(writer, "named-uuid", n.Name); break;
            case OvsdbSet set:
                writer.WriteStartArray();
                writer.WriteStringValue("set");
                writer.WriteStartArray();
                foreach (var atom in set)
                    Write(writer, atom);
                writer.WriteEndArray();
                writer.WriteEndArray();
                break;
            case OvsdbMap map:
                writer.WriteStartArray();
                writer.WriteStringValue("map");
                writer.WriteStartArray();
                foreach (var (k, v) in map)
                {
                    writer.WriteStartArray();
                    Write(writer, k);
                    Write(writer, v);
                    writer.WriteEndArray();
                }
                writer.WriteEndArray();
                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"{value.GetType().Name} is not an OVSDB value type", nameof(value));
        }
    }

    private static void WriteTagged(Utf8JsonWriter writer, string tag, string payload)
    {
        writer.WriteStartArray();
        writer.WriteStringValue(tag);
        writer.WriteStringValue(payload);
        writer.WriteEndArray();
    }

    /// <summary>Formats a value for people, in the style of <c>ovn-nbctl list</c>.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        string s => s.Length == 0 || s.Any(c => !char.IsLetterOrDigit(c) && c is not ('-' or '_' or '.' or ':' or '/'))
            ? JsonSerializer.Serialize(s) : s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Truncate(string text) => text.Length <= 120 ? text : text[..120] + "…";
}
