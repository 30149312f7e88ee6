using System.Text.Json.Nodes;

namespace Ovnk.Lab.Objects;

/// <summary>
/// Graceful pod deletion as the real API server does it (pkg/registry/core/pod/strategy.go CheckGracefulDelete and
/// apiserver's rest.BeforeDelete): a DELETE of a pod bound to a node only marks it (deletionTimestamp = now + grace,
/// deletionGracePeriodSeconds = grace); the node's kubelet stops the containers and then deletes it with grace 0.
/// Pure: the caller supplies the clock.
/// </summary>
public static class GracefulDeletion
{
    /// <summary>The pod default (core/v1 PodSpec terminationGracePeriodSeconds).</summary>
    public const long DefaultGracePeriodSeconds = 30;

    /// <summary>
    /// The grace period a DELETE gets: the requested one, else the pod's terminationGracePeriodSeconds, else 30; but 0
    /// for a pod no node runs (never scheduled) or one that has already finished — nobody would complete it.
    /// </summary>
    public static long PodGracePeriod(JsonObject pod, long? requested)
    {
        if (string.IsNullOrEmpty(Meta.StringAt(pod, "spec.nodeName"))
            || Meta.StringAt(pod, "status.phase") is "Succeeded" or "Failed")
        {
            return 0;
        }
        var period = requested ?? pod["spec"]?["terminationGracePeriodSeconds"]?.GetValue<long>() ?? DefaultGracePeriodSeconds;
        return Math.Max(0, period);
    }

    /// <summary>
    /// What a DELETE with <paramref name="period"/> seconds does to <paramref name="current"/>: null when it is to be
    /// deleted now (period 0), the object itself when nothing changes (a pending deletion is only ever shortened),
    /// else a marked copy.
    /// </summary>
    public static GracefulDecision Decide(JsonObject current, long period, DateTimeOffset now)
    {
        if (period == 0)
        {
            return GracefulDecision.DeleteNow;
        }
        var pendingGrace = current["metadata"]?["deletionGracePeriodSeconds"]?.GetValue<long>();
        if (Meta.Get(current, "deletionTimestamp") is { } pending && pendingGrace is { } grace)
        {
            if (period >= grace)
            {
                return GracefulDecision.Unchanged;
            }
            // Shortening keeps the original request time: the deadline moves by the difference (rest/delete.go).
            var requestedAt = Meta.ParseTimestamp(pending)!.Value.AddSeconds(-grace);
            return GracefulDecision.Mark(Marked(current, requestedAt.AddSeconds(period), period));
        }
        return GracefulDecision.Mark(Marked(current, now.AddSeconds(period), period));
    }

    private static JsonObject Marked(JsonObject current, DateTimeOffset deadline, long period)
    {
        var marked = (JsonObject)current.DeepClone();
        Meta.Metadata(marked)["deletionTimestamp"] = Meta.Timestamp(deadline);
        Meta.Metadata(marked)["deletionGracePeriodSeconds"] = period;
        return marked;
    }
}
