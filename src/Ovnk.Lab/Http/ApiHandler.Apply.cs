using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Ovnk.Lab.Objects;
using Ovnk.Lab.Patch;

namespace Ovnk.Lab.Http;

/// <summary>
/// Server-side apply (<c>kubectl apply --server-side</c>), simplified: the applied configuration creates the object
/// when absent, otherwise merges into it (strategic merge for built-in types, JSON merge for custom resources).
/// Field ownership (managedFields) and apply conflicts are not tracked in the lab.
/// </summary>
public sealed partial class ApiHandler
{
    private const string ApplyPatchMediaType = "application/apply-patch+yaml";

    private async Task ServerSideApplyAsync(HttpContext context, ResourcePath path)
    {
        if (string.IsNullOrEmpty(context.Request.Query["fieldManager"]))
        {
            throw Errors.BadRequest("fieldManager is required for apply requests; pass --field-manager (kubectl sets it itself)");
        }
        var text = await RequestBody.ReadTextAsync(context);
        if (RequestBody.Parse(text) is not JsonObject applied)
        {
            throw Errors.BadRequest("the applied configuration must be a JSON object (YAML bodies other than JSON are not supported by the lab)");
        }
        RequestBody.Validate(context, path.Type, text, applied);
        if (await store.GetAsync(KeyOf(path), context.RequestAborted) is null)
        {
            if (path.Type.Namespaced)
            {
                await EnsureNamespaceAsync(path.Namespace!, context.RequestAborted);
            }
            Meta.Metadata(applied)["name"] = path.Name;
            Admission.PrepareCreate(path.Type, applied, path.Namespace, clock.GetUtcNow());
            await Responses.WriteJsonAsync(context, 201, IsDryRun(context) ? applied : await CreateObjectAsync(path.Type, applied, context.RequestAborted));
            return;
        }
        var result = await ReplaceAsync(path, current =>
        {
            var merged = path.Type.Model is null
                ? (JsonObject)JsonMergePatch.Apply(current, applied)!
                : StrategicMergePatch.Apply(current, applied);
            Meta.Metadata(merged)["resourceVersion"] = Meta.Get(current, "resourceVersion");
            return Admission.PrepareUpdate(path.Type, current, merged, path.Subresource);
        }, context);
        await Responses.WriteJsonAsync(context, 200, result);
    }
}
