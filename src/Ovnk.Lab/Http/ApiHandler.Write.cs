using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Ovnk.Lab.Discovery;
using Ovnk.Lab.Objects;
using Ovnk.Lab.Storage;

namespace Ovnk.Lab.Http;

/// <summary>POST, PUT and the shared commit rules (finalizers, service allocation, CRD registration).</summary>
public sealed partial class ApiHandler
{
    private static readonly ResourceType NamespaceType = BuiltinResources.Types.First(t => t.Kind == "Namespace");

    private async Task CreateAsync(HttpContext context, ResourcePath path)
    {
        var type = path.Type;
        var obj = await RequestBody.ReadObjectAsync(context, type);
        if (type.Namespaced)
        {
            await EnsureNamespaceAsync(path.Namespace!, context.RequestAborted);
        }
        Admission.PrepareCreate(type, obj, path.Namespace, clock.GetUtcNow());
        if (IsDryRun(context))
        {
            await Responses.WriteJsonAsync(context, 201, obj);
            return;
        }
        var created = await CreateObjectAsync(type, obj, context.RequestAborted);
        await Responses.WriteJsonAsync(context, 201, created);
    }

    /// <summary>Stores a prepared new object (409 when the name is taken), allocating service addresses first.</summary>
    internal async Task<JsonObject> CreateObjectAsync(ResourceType type, JsonObject obj, CancellationToken cancellationToken)
    {
        var isService = type is { Group: "", Kind: "Service" };
        var key = new ObjectKey(type.StorageKey, Meta.Namespace(obj), Meta.Name(obj));
        var allocated = false; // the decision may run again (ObjectStore.MutateAsync): allocate once
        try
        {
            var created = await store.MutateAsync(key, current =>
            {
                if (current is not null)
                {
                    throw Errors.AlreadyExists(type, key.Name);
                }
                if (isService && !allocated)
                {
                    services.Allocate(obj);
                    allocated = true;
                }
                return Mutation.Put(obj);
            }, cancellationToken);
            AfterWrite(type, created!);
            return created!;
        }
        catch (ApiException e) when (isService && (allocated || e.Reason != "AlreadyExists"))
        {
            services.Release(obj);
            throw;
        }
    }

    private async Task UpdateAsync(HttpContext context, ResourcePath path)
    {
        var incoming = await RequestBody.ReadObjectAsync(context, path.Type);
        var result = await ReplaceAsync(path, current => Admission.PrepareUpdate(path.Type, current, incoming, path.Subresource), context);
        await Responses.WriteJsonAsync(context, 200, result);
    }

    /// <summary>
    /// Read-modify-write of an existing object: <paramref name="change"/> builds the next state from the current one.
    /// An unchanged object is not rewritten; an object being deleted whose last finalizer goes is deleted.
    /// </summary>
    private Task<JsonObject> ReplaceAsync(ResourcePath path, Func<JsonObject, JsonObject> change, HttpContext context) =>
        ReplaceAsync(path, change, IsDryRun(context), context.RequestAborted);

    /// <summary>The update path shared by requests and the in-process controllers.</summary>
    internal async Task<JsonObject> ReplaceAsync(ResourcePath path, Func<JsonObject, JsonObject> change, bool dryRun, CancellationToken cancellationToken)
    {
        var type = path.Type;
        JsonObject? preview = null;
        var result = await store.MutateAsync(KeyOf(path), current =>
        {
            preview = null; // the decision may run again on a newer object (ObjectStore.MutateAsync)
            if (current is null)
            {
                throw Errors.NotFound(type, path.Name!);
            }
            var next = change(current);
            Meta.Metadata(next)["resourceVersion"] = Meta.Get(current, "resourceVersion");
            if (dryRun || JsonNode.DeepEquals(current, next))
            {
                preview = next;
                return Mutation.Unchanged(next);
            }
            var finalizing = Meta.Get(next, "deletionTimestamp") is not null && (next["metadata"]?["finalizers"] as JsonArray ?? []).Count == 0;
            return finalizing ? Mutation.Delete() : Mutation.Put(next);
        }, cancellationToken);
        if (preview is null)
        {
            AfterWrite(type, result!);
        }
        return result!;
    }

    private void AfterWrite(ResourceType type, JsonObject obj)
    {
        if (type is { Group: "apiextensions.k8s.io", Kind: "CustomResourceDefinition" })
        {
            CustomResources.Register(registry, obj);
        }
    }

    internal async Task EnsureNamespaceAsync(string ns, CancellationToken cancellationToken)
    {
        var existing = await store.GetAsync(new ObjectKey(NamespaceType.StorageKey, "", ns), cancellationToken)
            ?? throw Errors.NotFound(NamespaceType, ns);
        if (Meta.Get(existing, "deletionTimestamp") is not null)
        {
            throw new ApiException(403, "Forbidden",
                $"unable to create new content in namespace {ns} because it is being terminated");
        }
    }

    private static bool IsDryRun(HttpContext context) => context.Request.Query["dryRun"] == "All";
}
