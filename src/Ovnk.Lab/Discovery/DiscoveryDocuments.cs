using System.Text.Json.Nodes;

namespace Ovnk.Lab.Discovery;

/// <summary>
/// The discovery documents kubectl 1.32 and KubernetesClient read: <c>/version</c>, <c>/api</c>, <c>/apis</c>,
/// per group-version resource lists, and the aggregated form (apidiscovery.k8s.io/v2, KEP-3352) that kubectl asks
/// for first. Pure functions of the registry.
/// </summary>
public static class DiscoveryDocuments
{
    /// <summary>The version reported by /version; kubectl's version dispatcher picks kubectl 1.32 from it.</summary>
    public const string GitVersion = "v1.32.4";

    private static readonly string[] Verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>GET /version.</summary>
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = GitVersion,
        ["gitCommit"] = "ovnk-lab",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.8",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    /// <summary>GET /api (legacy form).</summary>
    public static JsonObject CoreVersions() => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = "" }),
    };

    /// <summary>GET /apis (legacy form).</summary>
    public static JsonObject GroupList(ResourceRegistry registry)
    {
        var groups = new JsonArray();
        foreach (var group in registry.Groups.Where(g => g.Length > 0))
        {
            groups.Add(Group(registry, group));
        }
        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    /// <summary>GET /apis/{group}.</summary>
    public static JsonObject Group(ResourceRegistry registry, string group)
    {
        var versions = new JsonArray();
        foreach (var version in registry.Versions(group))
        {
            versions.Add(new JsonObject { ["groupVersion"] = $"{group}/{version}", ["version"] = version });
        }
        var preferred = registry.Versions(group)[0];
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = versions,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{group}/{preferred}", ["version"] = preferred },
        };
    }

    /// <summary>GET /api/v1 or /apis/{group}/{version}: the APIResourceList.</summary>
    public static JsonObject ResourceList(ResourceRegistry registry, string group, string version)
    {
        var resources = new JsonArray();
        foreach (var type in registry.InGroupVersion(group, version))
        {
            resources.Add(Resource(type, type.Plural, type.Kind));
            foreach (var sub in type.Subresources)
            {
                resources.Add(Subresource(type, sub));
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    /// <summary>The aggregated discovery document for /api (core only) or /apis (every other group).</summary>
    public static JsonObject Aggregated(ResourceRegistry registry, bool core, string apiVersion)
    {
        var items = new JsonArray();
        foreach (var group in registry.Groups.Where(g => (g.Length == 0) == core))
        {
            var versions = new JsonArray();
            foreach (var version in registry.Versions(group))
            {
                var resources = new JsonArray();
                foreach (var type in registry.InGroupVersion(group, version))
                {
                    resources.Add(AggregatedResource(type));
                }
                versions.Add(new JsonObject { ["version"] = version, ["resources"] = resources, ["freshness"] = "Current" });
            }
            var metadata = new JsonObject { ["creationTimestamp"] = null };
            if (group.Length > 0)
            {
                metadata["name"] = group;
            }
            items.Add(new JsonObject { ["metadata"] = metadata, ["versions"] = versions });
        }
        return new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = apiVersion,
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        };
    }

    private static JsonObject Resource(ResourceType type, string name, string kind)
    {
        var resource = new JsonObject
        {
            ["name"] = name,
            ["singularName"] = name == type.Plural ? type.Singular : "",
            ["namespaced"] = type.Namespaced,
            ["kind"] = kind,
            ["verbs"] = Array(Verbs),
        };
        if (type.ShortNames.Count > 0)
        {
            resource["shortNames"] = Array(type.ShortNames);
        }
        if (type.Categories.Count > 0)
        {
            resource["categories"] = Array(type.Categories);
        }
        return resource;
    }

    private static JsonObject Subresource(ResourceType type, string sub)
    {
        var (kind, group, version, verbs) = SubresourceShape(type, sub);
        var node = new JsonObject
        {
            ["name"] = $"{type.Plural}/{sub}",
            ["singularName"] = "",
            ["namespaced"] = type.Namespaced,
            ["kind"] = kind,
            ["verbs"] = Array(verbs),
        };
        if (group is not null)
        {
            node["group"] = group;
            node["version"] = version;
        }
        return node;
    }

    private static (string Kind, string? Group, string? Version, string[] Verbs) SubresourceShape(ResourceType type, string sub) =>
        sub switch
        {
            "scale" => ("Scale", "autoscaling", "v1", ["get", "patch", "update"]),
            "binding" => ("Binding", null, null, ["create"]),
            "eviction" => ("Eviction", "policy", "v1", ["create"]),
            "token" => ("TokenRequest", "authentication.k8s.io", "v1", ["create"]),
            "exec" => ("PodExecOptions", null, null, ["create", "get"]),
            "attach" => ("PodAttachOptions", null, null, ["create", "get"]),
            "log" => ("Pod", null, null, ["get"]),
            _ => (type.Kind, null, null, ["get", "patch", "update"]),
        };

    private static JsonObject AggregatedResource(ResourceType type)
    {
        var node = new JsonObject
        {
            ["resource"] = type.Plural,
            ["responseKind"] = Gvk(type.Group, type.Version, type.Kind),
            ["scope"] = type.Namespaced ? "Namespaced" : "Cluster",
            ["singularResource"] = type.Singular,
            ["verbs"] = Array(Verbs),
        };
        if (type.ShortNames.Count > 0)
        {
            node["shortNames"] = Array(type.ShortNames);
        }
        if (type.Categories.Count > 0)
        {
            node["categories"] = Array(type.Categories);
        }
        if (type.Subresources.Count > 0)
        {
            var subs = new JsonArray();
            foreach (var sub in type.Subresources)
            {
                var (kind, group, version, verbs) = SubresourceShape(type, sub);
                subs.Add(new JsonObject
                {
                    ["subresource"] = sub,
                    ["responseKind"] = Gvk(group ?? type.Group, version ?? type.Version, kind),
                    ["verbs"] = Array(verbs),
                });
            }
            node["subresources"] = subs;
        }
        return node;
    }

    private static JsonObject Gvk(string group, string version, string kind) =>
        new() { ["group"] = group, ["version"] = version, ["kind"] = kind };

    private static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}
