using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Ovnk.Lab.Discovery;
using Ovnk.Lab.Objects;
using Ovnk.Lab.Patch;

namespace Ovnk.Lab.Http;

/// <summary>PATCH in the three formats kubectl sends (merge, JSON patch, strategic merge).</summary>
public sealed partial class ApiHandler
{
    private async Task PatchAsync(HttpContext context, ResourcePath path)
    {
        if ((context.Request.ContentType ?? "").StartsWith(ApplyPatchMediaType, StringComparison.Ordinal))
        {
            await ServerSideApplyAsync(context, path);
            return;
        }
        var (format, patch) = await ReadPatchAsync(context, path.Type);
        var result = await ReplaceAsync(path, current =>
        {
            var patched = ApplyPatch(path.Type, format, current, patch);
            RequestBody.Validate(context, path.Type, patched.ToJsonString(), patched);
            return Admission.PrepareUpdate(path.Type, current, patched, path.Subresource);
        }, context);
        await Responses.WriteJsonAsync(context, 200, result);
    }

    private static async Task<(string Format, JsonNode Patch)> ReadPatchAsync(HttpContext context, ResourceType type)
    {
        var format = (context.Request.ContentType ?? "").Split(';')[0].Trim();
        if (format is not ("application/merge-patch+json" or "application/json-patch+json" or "application/strategic-merge-patch+json"))
        {
            throw Errors.UnsupportedMediaType(format);
        }
        if (format == "application/strategic-merge-patch+json" && type.Model is null)
        {
            // As upstream: custom resources have no patch strategies, so strategic merge does not apply to them.
            throw new ApiException(415, "UnsupportedMediaType",
                $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
        }
        return (format, RequestBody.Parse(await RequestBody.ReadTextAsync(context)));
    }

    private static JsonObject ApplyPatch(ResourceType type, string format, JsonObject current, JsonNode patch)
    {
        var patched = format switch
        {
            "application/merge-patch+json" => JsonMergePatch.Apply(current, patch),
            "application/json-patch+json" => JsonPatch.Apply(current, patch),
            _ => StrategicMergePatch.Apply(current, patch as JsonObject ?? throw Errors.BadRequest("a strategic merge patch must be a JSON object")),
        };
        return patched as JsonObject ?? throw new ApiException(422, "Invalid", $"the patch turned the {type.Kind} into a non-object");
    }

    private async Task GetScaleAsync(HttpContext context, ResourcePath path)
    {
        RequireScale(path.Type);
        var obj = await store.GetAsync(KeyOf(path), context.RequestAborted) ?? throw Errors.NotFound(path.Type, path.Name!);
        await Responses.WriteJsonAsync(context, 200, ScaleOf(obj));
    }

    private async Task PatchScaleAsync(HttpContext context, ResourcePath path)
    {
        RequireScale(path.Type);
        var (format, patch) = await ReadPatchAsync(context, path.Type);
        await ChangeScaleAsync(context, path, current => ApplyPatch(path.Type, format, ScaleOf(current), patch));
    }

    private async Task UpdateScaleAsync(HttpContext context, ResourcePath path)
    {
        RequireScale(path.Type);
        var text = await RequestBody.ReadTextAsync(context);
        var scale = RequestBody.Parse(text) as JsonObject ?? throw Errors.BadRequest("the body must be an autoscaling/v1 Scale object");
        await ChangeScaleAsync(context, path, _ => scale);
    }

    private async Task ChangeScaleAsync(HttpContext context, ResourcePath path, Func<JsonObject, JsonObject> newScale)
    {
        var result = await ReplaceAsync(path, current =>
        {
            var scale = newScale(current);
            var expected = Meta.Get(scale, "resourceVersion");
            var replicas = scale["spec"]?["replicas"]?.GetValue<int>() ?? 0;
            if (replicas < 0)
            {
                throw Errors.Invalid(path.Type, path.Name!, [new("spec.replicas", "FieldValueInvalid", $"Invalid value: {replicas}: must be greater than or equal to 0")]);
            }
            var next = (JsonObject)current.DeepClone();
            Defaulter.Child(next, "spec")["replicas"] = replicas;
            Meta.Metadata(next)["resourceVersion"] = string.IsNullOrEmpty(expected) ? Meta.Get(current, "resourceVersion") : expected;
            return Admission.PrepareUpdate(path.Type, current, next, null);
        }, context);
        await Responses.WriteJsonAsync(context, 200, ScaleOf(result));
    }

    private static void RequireScale(ResourceType type)
    {
        if (!type.Subresources.Contains("scale"))
        {
            throw Errors.PathNotFound();
        }
    }

    private static JsonObject ScaleOf(JsonObject obj) => new()
    {
        ["kind"] = "Scale",
        ["apiVersion"] = "autoscaling/v1",
        ["metadata"] = new JsonObject
        {
            ["name"] = Meta.Name(obj),
            ["namespace"] = Meta.Namespace(obj),
            ["uid"] = Meta.Get(obj, "uid"),
            ["resourceVersion"] = Meta.Get(obj, "resourceVersion"),
            ["creationTimestamp"] = Meta.Get(obj, "creationTimestamp"),
        },
        ["spec"] = new JsonObject { ["replicas"] = obj["spec"]?["replicas"]?.DeepClone() ?? 0 },
        ["status"] = new JsonObject
        {
            ["replicas"] = obj["status"]?["replicas"]?.DeepClone() ?? 0,
            ["selector"] = Tables.Cells.Selector(obj["spec"]?["selector"]) is var s && s == Tables.Cells.None ? "" : s,
        },
    };
}
