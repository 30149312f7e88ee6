using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Ovnk.Lab.Objects;
using Ovnk.Lab.Storage;
using Ovnk.Lab.Streaming;

namespace Ovnk.Lab.Http;

/// <summary>
/// pods/exec, pods/attach (GET or POST, upgraded) and pods/log: the pod, its container and its node are resolved
/// here with kube-apiserver's messages (pkg/registry/core/pod/strategy.go), then the request goes to the node's
/// kubelet socket (<see cref="KubeletEndpoint.SocketAnnotation"/>) through <see cref="KubeletProxy"/>.
/// </summary>
public sealed partial class ApiHandler
{
    private async Task StreamAsync(HttpContext context, ResourcePath path)
    {
        var (target, socket) = await ResolveKubeletAsync(context, path, requireNode: true);
        await KubeletProxy.UpgradeAsync(context, socket!, KubeletUrl(context, path.Subresource!, target));
    }

    private async Task PodLogAsync(HttpContext context, ResourcePath path)
    {
        var (target, socket) = await ResolveKubeletAsync(context, path, requireNode: false);
        if (socket is null)
        {
            // Upstream LogLocation: a pod without a host has no log yet; the answer is empty, not an error.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/plain";
            return;
        }
        await KubeletProxy.RelayLogsAsync(context, socket, KubeletUrl(context, "containerLogs", target));
    }

    private async Task<(ContainerTarget Target, string? Socket)> ResolveKubeletAsync(HttpContext context, ResourcePath path, bool requireNode)
    {
        if (path.Type.StorageKey != "pods")
        {
            throw Errors.MethodNotSupported(path.Type, context.Request.Method.ToLowerInvariant());
        }
        var pod = await store.GetAsync(KeyOf(path), context.RequestAborted) ?? throw Errors.NotFound(path.Type, path.Name!);
        var container = ValidateContainer(pod, path.Name!, context.Request.Query["container"].ToString());
        var target = new ContainerTarget(path.Namespace!, path.Name!, container);
        var nodeName = Meta.StringAt(pod, "spec.nodeName");
        if (string.IsNullOrEmpty(nodeName))
        {
            return requireNode ? throw Errors.BadRequest($"pod {path.Name} does not have a host assigned") : (target, null);
        }
        var node = await store.GetAsync(new ObjectKey("nodes", "", nodeName), context.RequestAborted)
            ?? throw new ApiException(404, "NotFound", $"nodes \"{nodeName}\" not found", new JsonObject { ["name"] = nodeName, ["kind"] = "nodes" });
        var socket = node["metadata"]?["annotations"]?[KubeletEndpoint.SocketAnnotation]?.GetValue<string>();
        if (string.IsNullOrEmpty(socket) || !Path.IsPathFullyQualified(socket))
        {
            throw new ApiException(503, "ServiceUnavailable",
                $"node \"{nodeName}\" has no kubelet streaming endpoint: its annotation {KubeletEndpoint.SocketAnnotation} must hold the absolute path " +
                "of the kubelet's unix socket (kubelet-lite sets it when it registers the node; is it running?)");
        }
        return (target, socket);
    }

    /// <summary>Upstream validateContainer: the container named, or the only one; else a 400 listing the choices.</summary>
    internal static string ValidateContainer(JsonObject pod, string podName, string container)
    {
        var names = new List<string>();
        foreach (var list in new[] { "containers", "initContainers", "ephemeralContainers" })
        {
            if (pod["spec"]?[list] is JsonArray items)
            {
                names.AddRange(items.Select(c => c?["name"]?.GetValue<string>()).OfType<string>());
            }
        }
        var regular = (pod["spec"]?["containers"] as JsonArray)?.Count ?? 0;
        if (container.Length == 0)
        {
            return regular switch
            {
                1 => names[0],
                0 => throw Errors.BadRequest($"a container name must be specified for pod {podName}"),
                _ => throw Errors.BadRequest($"a container name must be specified for pod {podName}, choose one of: [{string.Join(' ', names)}]"),
            };
        }
        return names.Contains(container) ? container : throw Errors.BadRequest($"container {container} is not valid for pod {podName}");
    }

    /// <summary>The kubelet URL: the container moves into the path, every other query parameter is passed on.</summary>
    private static string KubeletUrl(HttpContext context, string verb, ContainerTarget target)
    {
        var query = QueryString.Create(context.Request.Query
            .Where(q => q.Key != "container")
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))));
        return $"/{verb}/{Uri.EscapeDataString(target.Namespace)}/{Uri.EscapeDataString(target.Pod)}/{Uri.EscapeDataString(target.Container)}{query}";
    }
}
