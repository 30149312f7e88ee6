using Ovnk.Lab.Discovery;

namespace Ovnk.Lab.Http;

/// <summary>
/// A parsed resource URL: <c>/api/v1[/namespaces/{ns}]/{plural}[/{name}[/{subresource}]]</c> or the same under
/// <c>/apis/{group}/{version}</c>. <see cref="Namespace"/> is null for cluster-scoped types and all-namespace lists.
/// </summary>
public sealed record ResourcePath(ResourceType Type, string? Namespace, string? Name, string? Subresource)
{
    /// <summary>Parses <paramref name="path"/>; null when it is not a resource URL; throws 404 for unknown resources.</summary>
    public static ResourcePath? Parse(string path, ResourceRegistry registry)
    {
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group, version;
        int rest;
        if (parts.Length >= 3 && parts[0] == "api")
        {
            (group, version, rest) = ("", parts[1], 2);
        }
        else if (parts.Length >= 4 && parts[0] == "apis")
        {
            (group, version, rest) = (parts[1], parts[2], 3);
        }
        else
        {
            return null;
        }
        return Resolve(parts[rest..], group, version, registry);
    }

    private static ResourcePath Resolve(string[] r, string group, string version, ResourceRegistry registry)
    {
        // namespaces/{ns}/{plural}[/{name}[/{sub}]] — unless the third segment is a namespace subresource.
        if (r.Length >= 3 && r[0] == "namespaces" && group.Length == 0 && r[2] is not ("status" or "finalize")
            || r.Length >= 3 && r[0] == "namespaces" && group.Length > 0)
        {
            var type = Find(registry, group, version, r[2]);
            if (!type.Namespaced || r.Length > 5)
            {
                throw Errors.PathNotFound();
            }
            return new ResourcePath(type, r[1], r.Length > 3 ? r[3] : null, r.Length > 4 ? r[4] : null);
        }
        if (r.Length > 3)
        {
            throw Errors.PathNotFound();
        }
        var clusterType = Find(registry, group, version, r[0]);
        if (clusterType.Namespaced && r.Length > 1)
        {
            throw Errors.PathNotFound();
        }
        return new ResourcePath(clusterType, null, r.Length > 1 ? r[1] : null, r.Length > 2 ? r[2] : null);
    }

    private static ResourceType Find(ResourceRegistry registry, string group, string version, string plural) =>
        registry.Find(group, version, plural) ?? throw Errors.PathNotFound();
}
