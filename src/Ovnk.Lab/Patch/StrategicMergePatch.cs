using System.Text.Json.Nodes;

namespace Ovnk.Lab.Patch;

/// <summary>
/// Strategic merge patch (community/contributors/devel/sig-api-machinery/strategic-merge-patch.md) for the
/// built-in types' common merge keys: lists of containers, env, volumes, ports, conditions… merge element-wise by
/// their key; <c>finalizers</c> merge as a set; other lists replace. Directives: <c>$patch: replace|delete</c>,
/// <c>$retainKeys</c>, <c>$deleteFromPrimitiveList/…</c>; <c>$setElementOrder/…</c> is accepted (order kept).
/// </summary>
public static class StrategicMergePatch
{
    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name", ["initContainers"] = "name", ["ephemeralContainers"] = "name", ["env"] = "name",
        ["volumes"] = "name", ["volumeMounts"] = "mountPath", ["volumeDevices"] = "devicePath",
        ["imagePullSecrets"] = "name", ["hostAliases"] = "ip", ["conditions"] = "type", ["ownerReferences"] = "uid",
        ["topologySpreadConstraints"] = "topologyKey", ["resourceClaims"] = "name", ["secrets"] = "name",
    };

    private static readonly HashSet<string> PrimitiveMergeLists = ["finalizers"];

    /// <summary>Applies <paramref name="patch"/> to a copy of <paramref name="original"/>.</summary>
    public static JsonObject Apply(JsonObject original, JsonObject patch) =>
        MergeObject((JsonObject)original.DeepClone(), patch) ?? [];

    private static JsonObject? MergeObject(JsonObject result, JsonObject patch)
    {
        switch (patch["$patch"]?.GetValue<string>())
        {
            case "replace":
                var replaced = (JsonObject)patch.DeepClone();
                replaced.Remove("$patch");
                return replaced;
            case "delete":
                return null;
        }
        foreach (var (key, value) in patch)
        {
            MergeField(result, key, value);
        }
        if (patch["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.GetValue<string>()).ToHashSet();
            foreach (var key in result.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                result.Remove(key);
            }
        }
        return result;
    }

    private static void MergeField(JsonObject result, string key, JsonNode? value)
    {
        const string deleteFromList = "$deleteFromPrimitiveList/";
        if (key.StartsWith(deleteFromList, StringComparison.Ordinal))
        {
            var field = key[deleteFromList.Length..];
            if (result[field] is JsonArray list && value is JsonArray remove)
            {
                foreach (var item in list.Where(i => remove.Any(r => JsonNode.DeepEquals(r, i))).ToList())
                {
                    list.Remove(item);
                }
            }
            return;
        }
        if (key.StartsWith('$'))
        {
            return; // $patch, $retainKeys handled by the caller; $setElementOrder only orders.
        }
        if (value is null)
        {
            result.Remove(key);
            return;
        }
        result[key] = (result[key], value) switch
        {
            (JsonObject o, JsonObject p) => MergeObject(o.DeepClone().AsObject(), p),
            (JsonArray o, JsonArray p) => MergeList(key, o, p),
            (_, JsonObject p) => MergeObject([], p),
            _ => StripDirectives(value.DeepClone()),
        };
    }

    private static JsonArray MergeList(string key, JsonArray original, JsonArray patch)
    {
        if (PrimitiveMergeLists.Contains(key))
        {
            var union = (JsonArray)original.DeepClone();
            foreach (var item in patch.Where(p => !original.Any(o => JsonNode.DeepEquals(o, p))))
            {
                union.Add(item?.DeepClone());
            }
            return union;
        }
        var mergeKey = MergeKeyFor(key, original, patch);
        if (mergeKey is null || patch.Any(p => p is JsonObject o && o["$patch"]?.GetValue<string>() == "replace"))
        {
            return (JsonArray)StripDirectives(patch.DeepClone())!;
        }
        var result = (JsonArray)original.DeepClone();
        foreach (var item in patch.OfType<JsonObject>())
        {
            var id = item[mergeKey];
            var index = result.Select((o, i) => (o, i)).FirstOrDefault(x => JsonNode.DeepEquals(x.o?[mergeKey], id), (null, -1)).Item2;
            var merged = index >= 0 ? MergeObject(result[index]!.DeepClone().AsObject(), item) : MergeObject([], item);
            if (index >= 0 && merged is null)
            {
                result.RemoveAt(index);
            }
            else if (index >= 0)
            {
                result[index] = merged;
            }
            else if (merged is not null)
            {
                result.Add(merged);
            }
        }
        return result;
    }

    private static string? MergeKeyFor(string key, JsonArray original, JsonArray patch)
    {
        if (key == "ports")
        {
            // Container ports merge on containerPort, service ports on port (types.go patchMergeKey tags).
            return original.Concat(patch).OfType<JsonObject>().Any(o => o.ContainsKey("containerPort")) ? "containerPort" : "port";
        }
        return MergeKeys.GetValueOrDefault(key);
    }

    private static JsonNode? StripDirectives(JsonNode? node)
    {
        if (node is JsonObject o)
        {
            foreach (var key in o.Select(p => p.Key).Where(k => k.StartsWith('$')).ToList())
            {
                o.Remove(key);
            }
            foreach (var (_, child) in o)
            {
                StripDirectives(child);
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var child in a)
            {
                StripDirectives(child);
            }
        }
        return node;
    }
}
