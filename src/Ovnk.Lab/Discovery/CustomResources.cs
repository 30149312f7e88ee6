using System.Text.Json.Nodes;
using Ovnk.Lab.Objects;

namespace Ovnk.Lab.Discovery;

/// <summary>
/// Serves the resources a CustomResourceDefinition defines: every served version becomes a registry entry whose
/// schema is the version's openAPIV3Schema.
/// </summary>
public static class CustomResources
{
    /// <summary>Registers (or re-registers) the resources of <paramref name="crd"/>.</summary>
    public static void Register(ResourceRegistry registry, JsonObject crd)
    {
        var spec = crd["spec"] as JsonObject;
        var names = spec?["names"] as JsonObject;
        var group = spec?["group"]?.GetValue<string>();
        var plural = names?["plural"]?.GetValue<string>();
        var kind = names?["kind"]?.GetValue<string>();
        if (group is null || plural is null || kind is null)
        {
            return;
        }
        registry.Remove(group, plural);
        var namespaced = spec?["scope"]?.GetValue<string>() != "Cluster";
        var shortNames = Strings(names?["shortNames"]);
        var categories = Strings(names?["categories"]);
        foreach (var version in (spec?["versions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (version["served"]?.GetValue<bool>() == false)
            {
                continue;
            }
            var subresources = version["subresources"] is JsonObject subs ? subs.Select(p => p.Key).ToList() : [];
            registry.Upsert(new ResourceType(group, version["name"]!.GetValue<string>(), kind, plural, namespaced, null,
                shortNames, subresources, categories)
            {
                Schema = version["schema"]?["openAPIV3Schema"]?.DeepClone() as JsonObject,
                PrinterColumns = version["additionalPrinterColumns"]?.DeepClone() as JsonArray,
            });
        }
    }

    /// <summary>Stops serving the resources of a deleted CRD.</summary>
    public static void Unregister(ResourceRegistry registry, JsonObject crd)
    {
        if (Meta.StringAt(crd, "spec.group") is { } group && Meta.StringAt(crd, "spec.names.plural") is { } plural)
        {
            registry.Remove(group, plural);
        }
    }

    private static List<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(v => v?.GetValue<string>() ?? "").Where(s => s.Length > 0).ToList();
}
