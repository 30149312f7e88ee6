using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Ovnk.Lab.Objects;

namespace Ovnk.Lab.Http;

/// <summary>POST pods/{name}/binding: how a scheduler assigns a pod to a node (once).</summary>
public sealed partial class ApiHandler
{
    private async Task BindAsync(HttpContext context, ResourcePath path)
    {
        var binding = RequestBody.Parse(await RequestBody.ReadTextAsync(context)) as JsonObject
            ?? throw Errors.BadRequest("the body must be a v1 Binding object");
        var node = Meta.StringAt(binding, "target.name");
        if (string.IsNullOrEmpty(node))
        {
            throw Errors.BadRequest("the Binding has no target.name; set it to the node's name");
        }
        var now = Meta.Timestamp(clock.GetUtcNow());
        await ReplaceAsync(path, current =>
        {
            if (Meta.StringAt(current, "spec.nodeName") is { Length: > 0 } assigned)
            {
                throw new ApiException(409, "Conflict",
                    $"Operation cannot be fulfilled on pods/binding \"{path.Name}\": pod {path.Name} is already assigned to node \"{assigned}\"");
            }
            var next = (JsonObject)current.DeepClone();
            Defaulter.Child(next, "spec")["nodeName"] = node;
            var status = Defaulter.Child(next, "status");
            var conditions = status["conditions"] as JsonArray ?? [];
            status["conditions"] = conditions;
            conditions.Add(new JsonObject { ["type"] = "PodScheduled", ["status"] = "True", ["lastProbeTime"] = null, ["lastTransitionTime"] = now });
            return next;
        }, context);
        await Responses.WriteJsonAsync(context, 201, new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["code"] = 201,
        });
    }
}
