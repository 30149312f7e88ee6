using System.Text.Json.Nodes;
using Ovnk.Lab.Objects;
using static Ovnk.Lab.Controllers.WorkloadRules;

namespace Ovnk.Lab.Controllers;

/// <summary>
/// Deployment → ReplicaSet: one ReplicaSet per pod-template hash. The new one is scaled to spec.replicas; old ones
/// are scaled to zero once the new one is fully ready (RollingUpdate, old pods serve until then) or at once
/// (Recreate). Status carries what <c>kubectl rollout status</c> reads.
/// </summary>
public sealed partial class ControllerManager
{
    private async Task ReconcileDeploymentsAsync(CancellationToken cancellationToken)
    {
        var deploymentType = _client.Type("apps", "Deployment");
        var rsType = _client.Type("apps", "ReplicaSet");
        var replicaSets = await _client.ListAsync(rsType, cancellationToken);
        foreach (var deployment in await _client.ListAsync(deploymentType, cancellationToken))
        {
            if (Meta.Get(deployment, "deletionTimestamp") is not null)
            {
                continue;
            }
            var uid = Meta.Get(deployment, "uid")!;
            var owned = replicaSets.Where(rs => Meta.Namespace(rs) == Meta.Namespace(deployment) && OwnedBy(rs, uid)).ToList();
            var hash = TemplateHash(deployment["spec"]?["template"]);
            var replicas = deployment["spec"]?["replicas"]?.GetValue<int>() ?? 1;
            var current = owned.FirstOrDefault(rs => Meta.Labels(rs).GetValueOrDefault("pod-template-hash") == hash);
            if (current is null)
            {
                current = await _client.CreateAsync(rsType, NewReplicaSet(deployment, hash, replicas), cancellationToken);
            }
            else if ((current["spec"]?["replicas"]?.GetValue<int>() ?? 0) != replicas)
            {
                current = await _client.UpdateAsync(rsType, current, rs => rs["spec"]!["replicas"] = replicas, cancellationToken);
            }
            var recreate = Meta.StringAt(deployment, "spec.strategy.type") == "Recreate";
            var newReady = Cells(current, "status.readyReplicas") >= replicas;
            foreach (var old in owned.Where(rs => Meta.Name(rs) != Meta.Name(current) && (rs["spec"]?["replicas"]?.GetValue<int>() ?? 0) > 0))
            {
                if (recreate || newReady)
                {
                    await _client.UpdateAsync(rsType, old, rs => rs["spec"]!["replicas"] = 0, cancellationToken);
                }
            }
            await UpdateDeploymentStatusAsync(deployment, current, owned, replicas, cancellationToken);
        }
    }

    private async Task UpdateDeploymentStatusAsync(JsonObject deployment, JsonObject current, List<JsonObject> owned, int replicas, CancellationToken cancellationToken)
    {
        var all = owned.Where(rs => Meta.Name(rs) != Meta.Name(current)).Append(current).ToList();
        var total = all.Sum(rs => Cells(rs, "status.replicas"));
        var updated = Cells(current, "status.replicas");
        var ready = all.Sum(rs => Cells(rs, "status.readyReplicas"));
        var available = all.Sum(rs => Cells(rs, "status.availableReplicas"));
        var complete = updated == replicas && total == replicas && available == replicas;
        var status = new JsonObject
        {
            ["observedGeneration"] = deployment["metadata"]?["generation"]?.DeepClone() ?? 1,
            ["replicas"] = total,
            ["updatedReplicas"] = updated,
            ["readyReplicas"] = ready,
            ["availableReplicas"] = available,
            ["unavailableReplicas"] = Math.Max(0, total - available),
            ["conditions"] = new JsonArray(
                Condition("Available", available >= replicas ? "True" : "False",
                    available >= replicas ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                    available >= replicas ? "Deployment has minimum availability." : "Deployment does not have minimum availability."),
                Condition("Progressing", "True", complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
                    complete ? $"ReplicaSet \"{Meta.Name(current)}\" has successfully progressed." : $"ReplicaSet \"{Meta.Name(current)}\" is progressing.")),
        };
        if (!SameStatus(deployment["status"], status))
        {
            await _client.UpdateAsync(_client.Type("apps", "Deployment"), deployment, d => d["status"] = status, cancellationToken);
        }
    }

    private static JsonObject NewReplicaSet(JsonObject deployment, string hash, int replicas)
    {
        var template = (JsonObject)(deployment["spec"]?["template"]?.DeepClone() ?? new JsonObject());
        Defaulter.Child(Defaulter.Child(template, "metadata"), "labels")["pod-template-hash"] = hash;
        var selector = (JsonObject)(deployment["spec"]?["selector"]?.DeepClone() ?? new JsonObject());
        Defaulter.Child(selector, "matchLabels")["pod-template-hash"] = hash;
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{Meta.Name(deployment)}-{hash}",
                ["namespace"] = Meta.Namespace(deployment),
                ["labels"] = template["metadata"]!["labels"]!.DeepClone(),
                ["ownerReferences"] = new JsonArray(OwnerReference(deployment)),
            },
            ["spec"] = new JsonObject { ["replicas"] = replicas, ["selector"] = selector, ["template"] = template },
        };
    }

    /// <summary>Status equality ignoring condition timestamps (so a resync writes nothing when nothing changed).</summary>
    private static bool SameStatus(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(StripTimes(a), StripTimes(b));

    private static JsonNode? StripTimes(JsonNode? status)
    {
        var copy = status?.DeepClone();
        foreach (var c in (copy?["conditions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            c.Remove("lastTransitionTime");
            c.Remove("lastUpdateTime");
        }
        return copy;
    }

    private static JsonObject Condition(string type, string status, string reason, string message)
    {
        var now = Meta.Timestamp(DateTimeOffset.UtcNow);
        return new JsonObject
        {
            ["type"] = type, ["status"] = status, ["reason"] = reason, ["message"] = message,
            ["lastUpdateTime"] = now, ["lastTransitionTime"] = now,
        };
    }

    private static int Cells(JsonObject obj, string path) =>
        int.TryParse(Meta.StringAt(obj, path), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0;
}
