using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Ovnk.Lab.Discovery;
using Ovnk.Lab.Objects;
using Ovnk.Lab.Selectors;
using Ovnk.Lab.Storage;

namespace Ovnk.Lab.Http;

/// <summary>
/// DELETE: preconditions, finalizers (an object with finalizers only gets a deletionTimestamp), namespace contents,
/// and ownerReference cascading (Background/Foreground delete dependents; Orphan leaves them).
/// </summary>
public sealed partial class ApiHandler
{
    private static readonly HashSet<string> NeverOwners = ["Pod", "Event", "Lease", "EndpointSlice", "Endpoints"];

    private async Task DeleteAsync(HttpContext context, ResourcePath path)
    {
        var options = await ReadDeleteOptionsAsync(context);
        var propagation = context.Request.Query["propagationPolicy"].ToString() is { Length: > 0 } p ? p
            : options?["propagationPolicy"]?.GetValue<string>() ?? "Background";
        var preconditions = options?["preconditions"] as JsonObject;
        var result = await DeleteObjectAsync(path.Type, KeyOf(path), preconditions, propagation, GracePeriod(context, options), context.RequestAborted);
        await Responses.WriteJsonAsync(context, 200, result);
    }

    private async Task DeleteCollectionAsync(HttpContext context, ResourcePath path)
    {
        var grace = GracePeriod(context, await ReadDeleteOptionsAsync(context));
        var labels = LabelSelector.Parse(context.Request.Query["labelSelector"]);
        var fields = FieldSelector.Parse(context.Request.Query["fieldSelector"]);
        var (items, _) = await store.ListAsync(path.Type.StorageKey, path.Namespace, null, context.RequestAborted);
        var deleted = new List<JsonObject>();
        foreach (var item in items.Where(i => labels.Matches(Meta.Labels(i)) && fields.Matches(i)))
        {
            var key = new ObjectKey(path.Type.StorageKey, Meta.Namespace(item), Meta.Name(item));
            deleted.Add(await DeleteObjectAsync(path.Type, key, null, "Background", grace, context.RequestAborted));
        }
        await WriteListAsync(context, path, deleted, new JsonObject { ["resourceVersion"] = hub.LastRevision.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    /// <summary>
    /// Deletes one object and what it owns, or only marks it (deletionTimestamp) when it has finalizers, when it is a
    /// pod its kubelet must stop first (<see cref="GracefulDeletion"/>), or when it is a namespace whose pods are still
    /// terminating (it goes when the last of them does).
    /// </summary>
    internal async Task<JsonObject> DeleteObjectAsync(
        ResourceType type, ObjectKey key, JsonObject? preconditions, string propagation, long? gracePeriodSeconds,
        CancellationToken cancellationToken)
    {
        var isNamespace = type.Kind == "Namespace" && type.Group.Length == 0;
        if (isNamespace && await DeleteNamespaceContentsAsync(key.Name, cancellationToken) > 0)
        {
            return await MarkNamespaceTerminatingAsync(key, preconditions, cancellationToken);
        }
        var isPod = type is { Group: "", Kind: "Pod" };
        var deleted = false;
        var result = await store.MutateAsync(key, current =>
        {
            deleted = false; // the decision may run again on a newer object (ObjectStore.MutateAsync)
            if (current is null)
            {
                throw Errors.NotFound(type, key.Name);
            }
            CheckPreconditions(type, key.Name, current, preconditions);
            var graceful = isPod
                ? GracefulDeletion.Decide(current, GracefulDeletion.PodGracePeriod(current, gracePeriodSeconds), clock.GetUtcNow())
                : GracefulDecision.DeleteNow;
            if (graceful.Action != GracefulAction.DeleteNow)
            {
                return graceful.Marked is { } marked ? Mutation.Put(marked) : Mutation.Unchanged(current);
            }
            if ((current["metadata"]?["finalizers"] as JsonArray ?? []).Count > 0 && !(type.Kind == "Namespace" && type.Group.Length == 0))
            {
                if (Meta.Get(current, "deletionTimestamp") is not null)
                {
                    return Mutation.Unchanged(current);
                }
                var marked = (JsonObject)current.DeepClone();
                Meta.Metadata(marked)["deletionTimestamp"] = Meta.Timestamp(clock.GetUtcNow());
                Meta.Metadata(marked)["deletionGracePeriodSeconds"] = 0;
                return Mutation.Put(marked);
            }
            deleted = true;
            return Mutation.Delete();
        }, cancellationToken);
        if (deleted)
        {
            await AfterDeleteAsync(type, result!, propagation, cancellationToken);
            if (isNamespace)
            {
                await DeleteNamespaceContentsAsync(key.Name, cancellationToken); // whatever a controller created meanwhile
            }
            if (isPod)
            {
                await FinishTerminatingNamespaceAsync(key.Namespace, cancellationToken);
            }
        }
        return result!;
    }

    private async Task AfterDeleteAsync(ResourceType type, JsonObject deleted, string propagation, CancellationToken cancellationToken)
    {
        if (type is { Group: "", Kind: "Service" })
        {
            services.Release(deleted);
        }
        if (type is { Group: "apiextensions.k8s.io", Kind: "CustomResourceDefinition" })
        {
            CustomResources.Unregister(registry, deleted);
        }
        if (propagation != "Orphan" && !NeverOwners.Contains(type.Kind) && Meta.Get(deleted, "uid") is { } uid)
        {
            await DeleteDependentsAsync(uid, Meta.Namespace(deleted), cancellationToken);
        }
    }

    private async Task DeleteDependentsAsync(string ownerUid, string ns, CancellationToken cancellationToken)
    {
        foreach (var type in registry.Types.Where(t => t.Namespaced || ns.Length == 0).ToList())
        {
            var (items, _) = await store.ListAsync(type.StorageKey, type.Namespaced && ns.Length > 0 ? ns : null, null, cancellationToken);
            foreach (var item in items.Where(i => (i["metadata"]?["ownerReferences"] as JsonArray ?? [])
                .Any(o => o?["uid"]?.GetValue<string>() == ownerUid)))
            {
                var key = new ObjectKey(type.StorageKey, Meta.Namespace(item), Meta.Name(item));
                await TryDeleteAsync(type, key, cancellationToken);
            }
        }
    }

    /// <summary>Deletes everything in <paramref name="ns"/>; returns how many objects remain (terminating pods).</summary>
    private async Task<int> DeleteNamespaceContentsAsync(string ns, CancellationToken cancellationToken)
    {
        var remaining = 0;
        foreach (var type in registry.Types.Where(t => t.Namespaced).ToList())
        {
            var (items, _) = await store.ListAsync(type.StorageKey, ns, null, cancellationToken);
            foreach (var item in items)
            {
                await TryDeleteAsync(type, new ObjectKey(type.StorageKey, ns, Meta.Name(item)), cancellationToken);
            }
            if (items.Count > 0)
            {
                remaining += (await store.ListAsync(type.StorageKey, ns, null, cancellationToken)).Item1.Count;
            }
        }
        return remaining;
    }

    /// <summary>A namespace waits, Terminating, for its pods' kubelets (the namespace controller's job upstream).</summary>
    private async Task<JsonObject> MarkNamespaceTerminatingAsync(ObjectKey key, JsonObject? preconditions, CancellationToken cancellationToken)
    {
        return (await store.MutateAsync(key, current =>
        {
            if (current is null)
            {
                throw Errors.NotFound(NamespaceType, key.Name);
            }
            CheckPreconditions(NamespaceType, key.Name, current, preconditions);
            if (Meta.Get(current, "deletionTimestamp") is not null)
            {
                return Mutation.Unchanged(current);
            }
            var marked = (JsonObject)current.DeepClone();
            Meta.Metadata(marked)["deletionTimestamp"] = Meta.Timestamp(clock.GetUtcNow());
            Defaulter.Child(marked, "status")["phase"] = "Terminating";
            return Mutation.Put(marked);
        }, cancellationToken))!;
    }

    /// <summary>The last pod of a Terminating namespace is gone: finish deleting the namespace.</summary>
    private async Task FinishTerminatingNamespaceAsync(string ns, CancellationToken cancellationToken)
    {
        var key = new ObjectKey(NamespaceType.StorageKey, "", ns);
        if (ns.Length > 0 && await store.GetAsync(key, cancellationToken) is { } existing && Meta.Get(existing, "deletionTimestamp") is not null)
        {
            try
            {
                await DeleteObjectAsync(NamespaceType, key, null, "Background", null, cancellationToken);
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Another pod's deletion finished it first.
            }
        }
    }

    private static long? GracePeriod(HttpContext context, JsonObject? options)
    {
        if (long.TryParse(context.Request.Query["gracePeriodSeconds"], System.Globalization.CultureInfo.InvariantCulture, out var fromQuery))
        {
            return fromQuery;
        }
        // DeleteOptions, or an Eviction carrying them (policy/v1 Eviction.deleteOptions).
        var grace = options?["gracePeriodSeconds"] ?? options?["deleteOptions"]?["gracePeriodSeconds"];
        return grace?.GetValue<long>();
    }

    private async Task TryDeleteAsync(ResourceType type, ObjectKey key, CancellationToken cancellationToken)
    {
        try
        {
            await DeleteObjectAsync(type, key, null, "Background", null, cancellationToken);
        }
        catch (ApiException e) when (e.Code == 404)
        {
            // Deleted concurrently (or by an earlier cascade step): the goal is reached.
        }
    }

    private static void CheckPreconditions(ResourceType type, string name, JsonObject current, JsonObject? preconditions)
    {
        if (preconditions?["uid"]?.GetValue<string>() is { Length: > 0 } uid && uid != Meta.Get(current, "uid"))
        {
            throw new ApiException(409, "Conflict",
                $"Operation cannot be fulfilled on {type.QualifiedPlural} \"{name}\": Precondition failed: UID in precondition: {uid}, UID in object meta: {Meta.Get(current, "uid")}");
        }
        if (preconditions?["resourceVersion"]?.GetValue<string>() is { Length: > 0 } rv && rv != Meta.Get(current, "resourceVersion"))
        {
            throw Errors.Conflict(type, name);
        }
    }

    private static async Task<JsonObject?> ReadDeleteOptionsAsync(HttpContext context)
    {
        var text = await RequestBody.ReadTextAsync(context);
        return string.IsNullOrWhiteSpace(text) ? null : RequestBody.Parse(text) as JsonObject;
    }
}
