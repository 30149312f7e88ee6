using System.Text.Json.Nodes;
using Ovnk.Lab.Discovery;
using Ovnk.Lab.Http;
using Ovnk.Lab.Objects;
using Ovnk.Lab.Storage;

namespace Ovnk.Lab.Controllers;

/// <summary>
/// The in-process controllers' API: the same admission, storage and watch paths as HTTP requests, without HTTP.
/// </summary>
internal sealed class LabClient(ResourceRegistry registry, ObjectStore store, ApiHandler handler)
{
    public ResourceType Type(string group, string kind) =>
        registry.FindKind(group, kind) ?? throw new InvalidOperationException($"{kind}.{group} is not registered");

    public async Task<List<JsonObject>> ListAsync(ResourceType type, CancellationToken cancellationToken) =>
        (await store.ListAsync(type.StorageKey, null, null, cancellationToken)).Items;

    public async Task<JsonObject> CreateAsync(ResourceType type, JsonObject obj, CancellationToken cancellationToken)
    {
        if (type.Namespaced)
        {
            await handler.EnsureNamespaceAsync(Meta.Namespace(obj), cancellationToken);
        }
        Admission.PrepareCreate(type, obj, type.Namespaced ? Meta.Namespace(obj) : null, DateTimeOffset.UtcNow);
        return await handler.CreateObjectAsync(type, obj, cancellationToken);
    }

    /// <summary>Applies <paramref name="change"/> to the current object (status included); 404/409 are the caller's to retry.</summary>
    public Task<JsonObject> UpdateAsync(ResourceType type, JsonObject obj, Action<JsonObject> change, CancellationToken cancellationToken) =>
        handler.ReplaceAsync(new ResourcePath(type, type.Namespaced ? Meta.Namespace(obj) : null, Meta.Name(obj), null), current =>
        {
            var next = (JsonObject)current.DeepClone();
            change(next);
            var updated = Admission.PrepareUpdate(type, current, next, null);
            if (type.HasStatus)
            {
                updated["status"] = next["status"]?.DeepClone(); // controllers own status: write it with the object
            }
            return updated;
        }, dryRun: false, cancellationToken);

    public Task<JsonObject> DeleteAsync(ResourceType type, JsonObject obj, CancellationToken cancellationToken) =>
        handler.DeleteObjectAsync(type, new ObjectKey(type.StorageKey, Meta.Namespace(obj), Meta.Name(obj)), null, "Background", null, cancellationToken);

    /// <summary>DELETE with grace period 0: no kubelet is asked to finish it first.</summary>
    public Task<JsonObject> DeleteNowAsync(ResourceType type, JsonObject obj, CancellationToken cancellationToken) =>
        handler.DeleteObjectAsync(type, new ObjectKey(type.StorageKey, Meta.Namespace(obj), Meta.Name(obj)), null, "Background", 0, cancellationToken);
}
