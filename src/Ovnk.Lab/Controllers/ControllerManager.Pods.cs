using System.Text.Json.Nodes;
using Ovnk.Lab.Objects;
using static Ovnk.Lab.Controllers.WorkloadRules;

namespace Ovnk.Lab.Controllers;

/// <summary>ReplicaSets keep spec.replicas active pods; DaemonSets one pod per eligible node; the scheduler binds.</summary>
public sealed partial class ControllerManager
{
    private async Task ReconcileReplicaSetsAsync(CancellationToken cancellationToken)
    {
        var rsType = _client.Type("apps", "ReplicaSet");
        var podType = _client.Type("", "Pod");
        var pods = await _client.ListAsync(podType, cancellationToken);
        foreach (var rs in await _client.ListAsync(rsType, cancellationToken))
        {
            var uid = Meta.Get(rs, "uid")!;
            var owned = pods.Where(p => Meta.Namespace(p) == Meta.Namespace(rs) && OwnedBy(p, uid) && IsActive(p)).ToList();
            var want = Meta.Get(rs, "deletionTimestamp") is null ? rs["spec"]?["replicas"]?.GetValue<int>() ?? 1 : 0;
            for (var i = owned.Count; i < want; i++)
            {
                owned.Add(await _client.CreateAsync(podType, PodFromTemplate(rs, [], null), cancellationToken));
            }
            // Scale down the least useful first: unscheduled, then not ready (pkg/controller/replicaset getPodsToDelete).
            foreach (var extra in owned.OrderBy(p => Meta.StringAt(p, "spec.nodeName") is { Length: > 0 }).ThenBy(IsReady).Take(Math.Max(0, owned.Count - want)).ToList())
            {
                await _client.DeleteAsync(podType, extra, cancellationToken);
                owned.Remove(extra);
            }
            var ready = owned.Count(IsReady);
            var status = new JsonObject
            {
                ["replicas"] = owned.Count, ["fullyLabeledReplicas"] = owned.Count, ["readyReplicas"] = ready,
                ["availableReplicas"] = ready, ["observedGeneration"] = rs["metadata"]?["generation"]?.DeepClone() ?? 1,
            };
            if (!SameStatus(rs["status"], status))
            {
                await _client.UpdateAsync(rsType, rs, r => r["status"] = status, cancellationToken);
            }
        }
    }

    private async Task ReconcileDaemonSetsAsync(CancellationToken cancellationToken)
    {
        var dsType = _client.Type("apps", "DaemonSet");
        var podType = _client.Type("", "Pod");
        var nodes = await _client.ListAsync(_client.Type("", "Node"), cancellationToken);
        var pods = await _client.ListAsync(podType, cancellationToken);
        foreach (var ds in await _client.ListAsync(dsType, cancellationToken))
        {
            var uid = Meta.Get(ds, "uid")!;
            var template = DaemonPodTemplate(ds);
            var eligible = nodes.Where(n => Scheduling.Fits(template, n)).Select(Meta.Name).ToHashSet();
            var owned = pods.Where(p => Meta.Namespace(p) == Meta.Namespace(ds) && OwnedBy(p, uid) && IsActive(p)).ToList();
            foreach (var node in eligible.Where(n => !owned.Any(p => Meta.StringAt(p, "spec.nodeName") == n)).ToList())
            {
                var pod = PodFromTemplate(ds, [], node);
                pod["spec"]!["tolerations"] = template["spec"]!["tolerations"]!.DeepClone();
                owned.Add(await _client.CreateAsync(podType, pod, cancellationToken));
            }
            foreach (var stray in owned.Where(p => !eligible.Contains(Meta.StringAt(p, "spec.nodeName") ?? "")).ToList())
            {
                await _client.DeleteAsync(podType, stray, cancellationToken);
                owned.Remove(stray);
            }
            var ready = owned.Count(IsReady);
            var status = new JsonObject
            {
                ["desiredNumberScheduled"] = eligible.Count, ["currentNumberScheduled"] = owned.Count, ["numberMisscheduled"] = 0,
                ["numberReady"] = ready, ["updatedNumberScheduled"] = owned.Count, ["numberAvailable"] = ready,
                ["numberUnavailable"] = eligible.Count - ready, ["observedGeneration"] = ds["metadata"]?["generation"]?.DeepClone() ?? 1,
            };
            if (!SameStatus(ds["status"], status))
            {
                await _client.UpdateAsync(dsType, ds, d => d["status"] = status, cancellationToken);
            }
        }
    }

    private static JsonObject DaemonPodTemplate(JsonObject ds)
    {
        var spec = (JsonObject)(ds["spec"]?["template"]?["spec"]?.DeepClone() ?? new JsonObject());
        var tolerations = spec["tolerations"] as JsonArray ?? [];
        spec["tolerations"] = tolerations;
        foreach (var (key, effect) in DaemonSetTolerations)
        {
            tolerations.Add(new JsonObject { ["key"] = key, ["operator"] = "Exists", ["effect"] = effect });
        }
        return new JsonObject { ["spec"] = spec };
    }

    private async Task ScheduleAsync(CancellationToken cancellationToken)
    {
        var podType = _client.Type("", "Pod");
        var nodes = await _client.ListAsync(_client.Type("", "Node"), cancellationToken);
        var pods = await _client.ListAsync(podType, cancellationToken);
        var perNode = CountPerNode(pods.Where(IsActive));
        var now = Meta.Timestamp(DateTimeOffset.UtcNow);
        foreach (var pod in pods.Where(p => IsActive(p) && string.IsNullOrEmpty(Meta.StringAt(p, "spec.nodeName"))
            && (Meta.StringAt(p, "spec.schedulerName") ?? "default-scheduler") == "default-scheduler"))
        {
            if (Scheduling.ChooseNode(pod, nodes, perNode) is not { } node)
            {
                continue;
            }
            perNode[node] = perNode.GetValueOrDefault(node) + 1;
            await _client.UpdateAsync(podType, pod, p =>
            {
                p["spec"]!["nodeName"] = node;
                var status = Defaulter.Child(p, "status");
                var conditions = status["conditions"] as JsonArray ?? [];
                status["conditions"] = conditions;
                conditions.Add(new JsonObject { ["type"] = "PodScheduled", ["status"] = "True", ["lastProbeTime"] = null, ["lastTransitionTime"] = now });
            }, cancellationToken);
        }
    }

    /// <summary>
    /// Pod GC (pkg/controller/podgc): a pod bound to a Node object that no longer exists has no kubelet to finish
    /// it, so it is deleted at once (grace 0).
    /// </summary>
    private async Task CollectOrphanedPodsAsync(CancellationToken cancellationToken)
    {
        var podType = _client.Type("", "Pod");
        var nodes = (await _client.ListAsync(_client.Type("", "Node"), cancellationToken)).Select(Meta.Name).ToHashSet();
        foreach (var pod in await _client.ListAsync(podType, cancellationToken))
        {
            if (Meta.StringAt(pod, "spec.nodeName") is { Length: > 0 } node && !nodes.Contains(node))
            {
                await _client.DeleteNowAsync(podType, pod, cancellationToken);
            }
        }
    }
}
