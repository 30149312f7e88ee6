using System.Text;
using System.Text.Json.Nodes;
using Ovnk.Lab.Http;
using Ovnk.Lab.Objects;

namespace Ovnk.Lab.Protobuf;

/// <summary>
/// Decodes Kubernetes' protobuf envelope (magic "k8s\0" + runtime.Unknown{typeMeta, raw}) into the JSON object the
/// rest of the server works on. Scalars with zero values are omitted, as Go's JSON omitempty would.
/// </summary>
public static class ProtobufDecoder
{
    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];

    /// <summary>Decodes a request body; throws 415 naming the kind or field the lab cannot decode.</summary>
    public static JsonObject Decode(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith(Magic))
        {
            throw Errors.BadRequest("the protobuf body lacks the \"k8s\\0\" prefix");
        }
        try
        {
            var reader = new ProtoReader(body[4..]);
            string apiVersion = "", kind = "";
            ReadOnlySpan<byte> raw = default;
            while (!reader.End)
            {
                var (field, wire) = reader.ReadTag();
                switch (field)
                {
                    case 1 when wire == 2:
                        (apiVersion, kind) = TypeMeta(reader.ReadBytes());
                        break;
                    case 2 when wire == 2:
                        raw = reader.ReadBytes();
                        break;
                    default:
                        reader.Skip(wire);
                        break;
                }
            }
            var root = ProtoSchemas.RootFor(kind) ?? throw Unsupported($"kind {kind}");
            var obj = DecodeMessage(raw, root);
            obj["apiVersion"] = apiVersion;
            obj["kind"] = kind;
            return obj;
        }
        catch (FormatException e)
        {
            throw Errors.BadRequest($"malformed protobuf body: {e.Message}");
        }
    }

    private static (string, string) TypeMeta(ReadOnlySpan<byte> data)
    {
        var reader = new ProtoReader(data);
        string apiVersion = "", kind = "";
        while (!reader.End)
        {
            var (field, wire) = reader.ReadTag();
            if (wire == 2 && field is 1 or 2)
            {
                var text = Encoding.UTF8.GetString(reader.ReadBytes());
                (apiVersion, kind) = field == 1 ? (text, kind) : (apiVersion, text);
            }
            else
            {
                reader.Skip(wire);
            }
        }
        return (apiVersion, kind);
    }

    private static JsonObject DecodeMessage(ReadOnlySpan<byte> data, string message)
    {
        var schema = ProtoSchemas.Messages[message];
        var obj = new JsonObject();
        var reader = new ProtoReader(data);
        while (!reader.End)
        {
            var (number, wire) = reader.ReadTag();
            if (!schema.TryGetValue(number, out var field))
            {
                SkipUnknown(ref reader, wire, message, number);
                continue;
            }
            var value = DecodeValue(ref reader, wire, field);
            if (value is null)
            {
                continue;
            }
            if (field.Repeated)
            {
                var list = obj[field.Name] as JsonArray ?? [];
                obj[field.Name] = list;
                list.Add(value);
            }
            else if (obj[field.Name] is JsonObject map && value is JsonObject entry && field.Kind is ProtoKind.StringMap or ProtoKind.BytesMap or ProtoKind.QuantityMap)
            {
                foreach (var (k, v) in entry.ToList())
                {
                    entry.Remove(k);
                    map[k] = v;
                }
            }
            else
            {
                obj[field.Name] = value;
            }
        }
        return obj;
    }

    private static JsonNode? DecodeValue(ref ProtoReader reader, int wire, ProtoField field)
    {
        switch (field.Kind)
        {
            case ProtoKind.Int:
                var number = (long)reader.ReadVarint();
                return number == 0 ? null : JsonValue.Create(number);
            case ProtoKind.Bool:
                return reader.ReadVarint() == 0 ? null : JsonValue.Create(true);
            case ProtoKind.String:
                var text = Encoding.UTF8.GetString(reader.ReadBytes());
                return text.Length == 0 && !field.Repeated ? null : JsonValue.Create(text);
            case ProtoKind.Bytes:
                return JsonValue.Create(Convert.ToBase64String(reader.ReadBytes()));
            case ProtoKind.Message:
                return DecodeMessage(reader.ReadBytes(), field.Message!);
            case ProtoKind.Time:
                return Time(reader.ReadBytes());
            case ProtoKind.IntOrString:
                return IntOrString(reader.ReadBytes());
            default:
                return MapEntry(reader.ReadBytes(), field.Kind);
        }
    }

    private static JsonObject MapEntry(ReadOnlySpan<byte> data, ProtoKind kind)
    {
        var reader = new ProtoReader(data);
        string key = "";
        JsonNode? value = "";
        while (!reader.End)
        {
            var (field, wire) = reader.ReadTag();
            var bytes = wire == 2 ? reader.ReadBytes() : throw new FormatException("map entries must be length-delimited");
            if (field == 1)
            {
                key = Encoding.UTF8.GetString(bytes);
            }
            else
            {
                value = kind switch
                {
                    ProtoKind.BytesMap => Convert.ToBase64String(bytes),
                    ProtoKind.QuantityMap => QuantityString(bytes),
                    _ => Encoding.UTF8.GetString(bytes),
                };
            }
        }
        return new JsonObject { [key] = value };
    }

    private static string QuantityString(ReadOnlySpan<byte> data)
    {
        var reader = new ProtoReader(data); // resource.Quantity { string string = 1; }
        var text = "";
        while (!reader.End)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1 && wire == 2)
            {
                text = Encoding.UTF8.GetString(reader.ReadBytes());
            }
            else
            {
                reader.Skip(wire);
            }
        }
        return text;
    }

    private static JsonNode? Time(ReadOnlySpan<byte> data)
    {
        var reader = new ProtoReader(data); // metav1.Time { int64 seconds = 1; int32 nanos = 2; }
        long seconds = 0;
        while (!reader.End)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1 && wire == 0)
            {
                seconds = (long)reader.ReadVarint();
            }
            else
            {
                reader.Skip(wire);
            }
        }
        return seconds == 0 ? null : JsonValue.Create(Meta.Timestamp(DateTimeOffset.FromUnixTimeSeconds(seconds)));
    }

    private static JsonNode? IntOrString(ReadOnlySpan<byte> data)
    {
        var reader = new ProtoReader(data); // intstr.IntOrString { int64 type = 1; int32 intVal = 2; string strVal = 3; }
        long type = 0, intVal = 0;
        var strVal = "";
        while (!reader.End)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1: type = (long)reader.ReadVarint(); break;
                case 2: intVal = (long)reader.ReadVarint(); break;
                case 3: strVal = Encoding.UTF8.GetString(reader.ReadBytes()); break;
                default: reader.Skip(wire); break;
            }
        }
        return type == 1 ? JsonValue.Create(strVal) : intVal == 0 ? null : JsonValue.Create(intVal);
    }

    private static void SkipUnknown(ref ProtoReader reader, int wire, string message, int number)
    {
        // gogo-protobuf writes non-pointer fields even when zero: those carry nothing and can be skipped.
        var empty = wire switch
        {
            0 => reader.ReadVarint() == 0,
            2 => reader.ReadBytes().IsEmpty,
            _ => false,
        };
        if (!empty)
        {
            throw Unsupported($"field {number} of {message}");
        }
    }

    private static ApiException Unsupported(string what) =>
        new(415, "UnsupportedMediaType",
            $"the lab API server cannot decode {what} from protobuf; send the object as YAML/JSON instead (kubectl create -f / kubectl apply -f)");
}
