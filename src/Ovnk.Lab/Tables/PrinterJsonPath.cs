using System.Text.Json.Nodes;

namespace Ovnk.Lab.Tables;

/// <summary>
/// The JSONPath subset CRD printer columns use (apiextensions additionalPrinterColumns.jsonPath, e.g. <c>.spec.replicas</c>,
/// <c>.status.conditions[0].type</c>, <c>.status.conditions[?(@.type=="Ready")].status</c>, <c>.metadata.labels.app</c>):
/// dotted fields, array indexes and one equality filter per step. Pure; returns every value reached.
/// </summary>
public static class PrinterJsonPath
{
    /// <summary>The values <paramref name="path"/> reaches in <paramref name="root"/> (empty when nothing matches).</summary>
    public static List<JsonNode> Evaluate(JsonNode? root, string path)
    {
        var current = new List<JsonNode>();
        if (root is not null)
        {
            current.Add(root);
        }
        foreach (var step in Steps(path.Trim().TrimStart('{').TrimEnd('}').TrimStart('.')))
        {
            current = [.. current.SelectMany(node => Apply(node, step))];
        }
        return current;
    }

    private static IEnumerable<JsonNode> Apply(JsonNode node, string step)
    {
        var bracket = step.IndexOf('[', StringComparison.Ordinal);
        var field = bracket < 0 ? step : step[..bracket];
        var target = field.Length == 0 ? node : (node as JsonObject)?[field];
        if (target is null)
        {
            return [];
        }
        if (bracket < 0)
        {
            return [target];
        }
        var selector = step[(bracket + 1)..].TrimEnd(']');
        var items = (target as JsonArray ?? []).Where(i => i is not null).Select(i => i!).ToList();
        if (selector == "*")
        {
            return items;
        }
        if (int.TryParse(selector, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            index = index < 0 ? items.Count + index : index;
            return index >= 0 && index < items.Count ? [items[index]] : [];
        }
        return Filter(items, selector);
    }

    /// <summary><c>?(@.key=="value")</c> (also single quotes and !=).</summary>
    private static IEnumerable<JsonNode> Filter(List<JsonNode> items, string selector)
    {
        var expression = selector.TrimStart('?').Trim('(', ')');
        var negate = expression.Contains("!=", StringComparison.Ordinal);
        var parts = expression.Split(negate ? "!=" : "==", 2);
        if (parts.Length != 2 || !parts[0].StartsWith("@.", StringComparison.Ordinal))
        {
            return [];
        }
        var key = parts[0][2..].Trim();
        var value = parts[1].Trim().Trim('"', '\'');
        return items.Where(i => (Scalar(Evaluate(i, key).FirstOrDefault()) == value) != negate);
    }

    /// <summary>A leaf value as kubectl prints it (strings bare, others as JSON).</summary>
    public static string? Scalar(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    private static List<string> Steps(string path)
    {
        // Split on dots outside brackets (filters may contain dots: [?(@.type=="Ready")]).
        var steps = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < path.Length; i++)
        {
            depth += path[i] switch { '[' => 1, ']' => -1, _ => 0 };
            if (path[i] == '.' && depth == 0)
            {
                steps.Add(path[start..i]);
                start = i + 1;
            }
        }
        steps.Add(path[start..]);
        return [.. steps.Where(s => s.Length > 0)];
    }
}
