using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Ovnk.Node.Setup;

/// <summary>Writes node annotations with a merge patch of only the keys that differ (a restart with nothing new writes nothing).</summary>
internal static class NodeAnnotator
{
    public static async Task<bool> PublishAsync(IKubernetes client, V1Node node, IReadOnlyDictionary<string, string> desired, CancellationToken cancellationToken)
    {
        var changes = NodeAnnotations.Changes(node.Metadata.Annotations, desired);
        if (changes.Count == 0) return false;
        var annotations = new JsonObject();
        foreach (var (key, value) in changes) annotations[key] = value;
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = annotations } };
        await client.CoreV1.PatchNodeAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), node.Metadata.Name, cancellationToken: cancellationToken);
        return true;
    }
}
