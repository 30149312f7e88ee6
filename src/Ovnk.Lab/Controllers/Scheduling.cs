using System.Text.Json.Nodes;
using Ovnk.Lab.Objects;

namespace Ovnk.Lab.Controllers;

/// <summary>
/// Pure placement rules: a pod fits a node when the node is schedulable, matches the pod's nodeSelector and
/// required node affinity (In/NotIn/Exists/DoesNotExist on labels), and every NoSchedule/NoExecute taint is
/// tolerated. Among fitting nodes the one with the fewest pods wins (spreading replicas).
/// </summary>
public static class Scheduling
{
    /// <summary>The node to place <paramref name="pod"/> on, or null when none fits.</summary>
    public static string? ChooseNode(JsonObject pod, IReadOnlyList<JsonObject> nodes, IReadOnlyDictionary<string, int> podsPerNode) =>
        nodes.Where(n => Fits(pod, n))
            .OrderBy(n => podsPerNode.GetValueOrDefault(Meta.Name(n)))
            .ThenBy(n => Meta.Name(n), StringComparer.Ordinal)
            .Select(Meta.Name)
            .FirstOrDefault();

    /// <summary>True when <paramref name="pod"/> may run on <paramref name="node"/>.</summary>
    public static bool Fits(JsonObject pod, JsonObject node)
    {
        if (node["spec"]?["unschedulable"]?.GetValue<bool>() == true && !Tolerates(pod, "node.kubernetes.io/unschedulable", "", "NoSchedule"))
        {
            return false;
        }
        var labels = Meta.Labels(node);
        if (Meta.StringMap(pod["spec"]?["nodeSelector"]).Any(p => !labels.TryGetValue(p.Key, out var v) || v != p.Value))
        {
            return false;
        }
        if (!AffinityMatches(pod, labels))
        {
            return false;
        }
        return (node["spec"]?["taints"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(t => t["effect"]?.GetValue<string>() is "NoSchedule" or "NoExecute")
            .All(t => Tolerates(pod, t["key"]?.GetValue<string>() ?? "", t["value"]?.GetValue<string>() ?? "", t["effect"]!.GetValue<string>()));
    }

    private static bool Tolerates(JsonObject pod, string key, string value, string effect) =>
        (pod["spec"]?["tolerations"] as JsonArray ?? []).OfType<JsonObject>().Any(t =>
        {
            var tKey = t["key"]?.GetValue<string>() ?? "";
            var op = t["operator"]?.GetValue<string>() ?? "Equal";
            var tEffect = t["effect"]?.GetValue<string>() ?? "";
            var keyOk = tKey.Length == 0 && op == "Exists" || tKey == key;
            var valueOk = op == "Exists" || (t["value"]?.GetValue<string>() ?? "") == value;
            return keyOk && valueOk && (tEffect.Length == 0 || tEffect == effect);
        });

    private static bool AffinityMatches(JsonObject pod, Dictionary<string, string> labels)
    {
        var terms = pod["spec"]?["affinity"]?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?["nodeSelectorTerms"] as JsonArray;
        if (terms is null || terms.Count == 0)
        {
            return true;
        }
        return terms.OfType<JsonObject>().Any(term => (term["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>().All(e =>
        {
            var key = e["key"]?.GetValue<string>() ?? "";
            var values = (e["values"] as JsonArray ?? []).Select(v => v?.GetValue<string>()).ToHashSet();
            var has = labels.TryGetValue(key, out var v);
            return e["operator"]?.GetValue<string>() switch
            {
                "In" => has && values.Contains(v),
                "NotIn" => !has || !values.Contains(v),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
        }));
    }
}
