using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ovnk.Lab.Discovery;

namespace Ovnk.Lab.OpenApi;

/// <summary>
/// OpenAPI v3: the index (<c>/openapi/v3</c>) and one document per group-version. Each resource's patch operation
/// carries <c>x-kubernetes-group-version-kind</c> and a <c>fieldValidation</c> parameter: that is what makes kubectl
/// skip client-side validation and send <c>fieldValidation=Strict</c> (KUBECTL-NOTES.md items 1–2).
/// Documents are built once per registry snapshot and cached with their hash.
/// </summary>
public sealed class OpenApiDocuments(ResourceRegistry registry)
{
    private readonly ConcurrentDictionary<string, (IReadOnlyList<ResourceType> Snapshot, string Json, string Hash)> _cache = new();

    /// <summary>The index of group-version documents with their hashes.</summary>
    public JsonObject Index()
    {
        var paths = new JsonObject();
        foreach (var (group, version) in GroupVersions())
        {
            var key = Key(group, version);
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={Document(group, version).Hash}" };
        }
        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The document for "api/v1" or "apis/{group}/{version}", or null when not served.</summary>
    public (string Json, string Hash)? Find(string key)
    {
        foreach (var (group, version) in GroupVersions())
        {
            if (Key(group, version) == key)
            {
                return Document(group, version);
            }
        }
        return null;
    }

    private IEnumerable<(string Group, string Version)> GroupVersions() =>
        registry.Types.Select(t => (t.Group, t.Version)).Distinct();

    private static string Key(string group, string version) => group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";

    private (string Json, string Hash) Document(string group, string version)
    {
        var snapshot = registry.Types;
        var key = Key(group, version);
        if (_cache.TryGetValue(key, out var cached) && ReferenceEquals(cached.Snapshot, snapshot))
        {
            return (cached.Json, cached.Hash);
        }
        var json = Build(group, version).ToJsonString();
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..32];
        _cache[key] = (snapshot, json, hash);
        return (json, hash);
    }

    private JsonObject Build(string group, string version)
    {
        var schemas = new SchemaGenerator();
        var paths = new JsonObject();
        foreach (var type in registry.InGroupVersion(group, version))
        {
            var schemaRef = type.Model is null
                ? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true }
                : SchemaRef(schemas, type);
            var prefix = "/" + Key(group, version) + (type.Namespaced ? "/namespaces/{namespace}/" : "/") + type.Plural;
            paths[prefix] = new JsonObject { ["get"] = Operation("list", type, schemaRef, false) };
            paths[prefix + "/{name}"] = new JsonObject
            {
                ["get"] = Operation("get", type, schemaRef, false),
                ["put"] = Operation("put", type, schemaRef, true),
                ["patch"] = Operation("patch", type, schemaRef, true),
                ["delete"] = Operation("delete", type, schemaRef, false),
            };
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = DiscoveryDocuments.GitVersion },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas.Components },
        };
    }

    private static JsonObject SchemaRef(SchemaGenerator schemas, ResourceType type)
    {
        schemas.AddRoot(type.Model!, type.Group, type.Version, type.Kind);
        return schemas.SchemaFor(type.Model!);
    }

    private static JsonObject Operation(string action, ResourceType type, JsonObject schema, bool writes)
    {
        var parameters = new JsonArray();
        if (writes)
        {
            parameters.Add(Query("fieldValidation"));
            parameters.Add(Query("fieldManager"));
            parameters.Add(Query("dryRun"));
        }
        return new JsonObject
        {
            ["operationId"] = action + type.Kind,
            ["parameters"] = parameters,
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema.DeepClone() } },
                },
            },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = new JsonObject
            {
                ["group"] = type.Group,
                ["version"] = type.Version,
                ["kind"] = type.Kind,
            },
        };
    }

    private static JsonObject Query(string name) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };
}
