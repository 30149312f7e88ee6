using System.Globalization;
using System.Text.Json.Nodes;
using Ovnk.Lab.Objects;

namespace Ovnk.Lab.Tables;

/// <summary>Cell helpers shared by the printers (upstream's placeholders: &lt;none&gt;, &lt;unknown&gt;).</summary>
public static class Cells
{
    /// <summary>Upstream's placeholder for an empty value.</summary>
    public const string None = "<none>";

    /// <summary>The string at a dotted path, or <paramref name="fallback"/>.</summary>
    public static string Str(JsonObject obj, string path, string fallback = None) =>
        Meta.StringAt(obj, path) is { Length: > 0 } s ? s : fallback;

    /// <summary>The integer at a dotted path, or 0.</summary>
    public static long Int(JsonObject obj, string path) =>
        long.TryParse(Meta.StringAt(obj, path), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;

    /// <summary>The array at a dotted path (empty when absent).</summary>
    public static IEnumerable<JsonObject> Items(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
        }
        return (node as JsonArray ?? []).OfType<JsonObject>();
    }

    /// <summary>Joins non-empty values with commas, or &lt;none&gt;.</summary>
    public static string Join(IEnumerable<string> values)
    {
        var joined = string.Join(',', values.Where(v => v.Length > 0));
        return joined.Length == 0 ? None : joined;
    }

    /// <summary>A label selector (matchLabels and matchExpressions) as metav1.FormatLabelSelector prints it.</summary>
    public static string Selector(JsonNode? selector)
    {
        if (selector is not JsonObject s)
        {
            return None;
        }
        var parts = Meta.StringMap(s["matchLabels"]).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}").ToList();
        foreach (var e in (s["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var values = string.Join(',', (e["values"] as JsonArray ?? []).Select(v => v?.GetValue<string>()));
            var op = e["operator"]?.GetValue<string>()?.ToLowerInvariant();
            parts.Add(op switch
            {
                "exists" => $"{e["key"]}",
                "doesnotexist" => $"!{e["key"]}",
                _ => $"{e["key"]} {op} ({values})",
            });
        }
        return parts.Count == 0 ? None : string.Join(',', parts);
    }

    /// <summary>A map as k=v pairs sorted by key (service selectors), or &lt;none&gt;.</summary>
    public static string MapPairs(JsonNode? map) =>
        Join(Meta.StringMap(map).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    /// <summary>Container names and images of a pod template spec (the CONTAINERS and IMAGES wide columns).</summary>
    public static (string Names, string Images) Containers(JsonObject obj, string podSpecPath)
    {
        var containers = Items(obj, podSpecPath + ".containers").ToList();
        return (Join(containers.Select(c => Str(c, "name", ""))), Join(containers.Select(c => Str(c, "image", ""))));
    }
}
