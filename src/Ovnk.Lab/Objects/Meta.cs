using System.Globalization;
using System.Text.Json.Nodes;

namespace Ovnk.Lab.Objects;

/// <summary>Typed accessors for the parts of an object's JSON every resource shares (metadata, spec, status).</summary>
public static class Meta
{
    /// <summary>The object's metadata, created when absent.</summary>
    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is not JsonObject metadata)
        {
            metadata = [];
            obj["metadata"] = metadata;
        }
        return metadata;
    }

    /// <summary>A string field of metadata, or null.</summary>
    public static string? Get(JsonObject obj, string field) =>
        obj["metadata"] is JsonObject m && m[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>metadata.name, or "".</summary>
    public static string Name(JsonObject obj) => Get(obj, "name") ?? "";

    /// <summary>metadata.namespace, or "".</summary>
    public static string Namespace(JsonObject obj) => Get(obj, "namespace") ?? "";

    /// <summary>metadata.resourceVersion as a number (0 when absent or not a number).</summary>
    public static long ResourceVersion(JsonObject obj) =>
        long.TryParse(Get(obj, "resourceVersion"), NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : 0;

    /// <summary>The labels (a copy; empty when none).</summary>
    public static Dictionary<string, string> Labels(JsonObject obj) => StringMap(obj["metadata"]?["labels"]);

    /// <summary>A JSON object of string values as a dictionary.</summary>
    public static Dictionary<string, string> StringMap(JsonNode? node)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject o)
        {
            foreach (var (k, v) in o)
            {
                map[k] = v?.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : v?.ToJsonString() ?? "";
            }
        }
        return map;
    }

    /// <summary>The string at a dotted path (e.g. "spec.nodeName"), or null.</summary>
    public static string? StringAt(JsonObject obj, string dottedPath)
    {
        JsonNode? node = obj;
        foreach (var part in dottedPath.Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
        }
        return node is JsonValue v ? (v.TryGetValue<string>(out var s) ? s : v.ToJsonString()) : null;
    }

    /// <summary>RFC 3339 (seconds precision, UTC), the format of Kubernetes timestamps.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses a Kubernetes timestamp; null when absent or malformed.</summary>
    public static DateTimeOffset? ParseTimestamp(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
