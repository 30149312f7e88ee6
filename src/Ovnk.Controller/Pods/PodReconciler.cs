using System.Diagnostics;
using System.Net;
using System.Text.Json;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Ovnk.Controller.Hosting;
using Ovnk.Controller.Nodes;
using Ovnk.Model.Addressing;
using Ovnk.Model.Annotations;
using Ovnk.Translation.Ownership;
using Ovnk.Translation.Rows;
using Ovnk.Translation.Topology;

namespace Ovnk.Controller.Pods;

/// <summary>
/// Reconciles one pod: IP from its node's subnet (kept from its annotation when valid), the
/// <c>k8s.ovn.org/pod-networks</c> annotation, then its LSP. Deleted, completed and failed pods release their IP
/// and lose their LSP; hostNetwork pods are ignored.
/// </summary>
public sealed partial class PodReconciler(ControllerContext ctx)
{
    /// <summary>
    /// How long a namespace's address-set reconcile waits to collect its pods' changes: it reads every pod of the
    /// namespace (O(pods)), so once per pod made a burst of N pods O(N²); once per window it is O(N) per window.
    /// </summary>
    private static readonly TimeSpan AddressSetBatch = TimeSpan.FromMilliseconds(100);

    private readonly ILogger _logger = ctx.Logger;

    /// <summary>Reconciles the pod with key <c>ns/name</c>.</summary>
    public async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var pod = ctx.Pods.Get(key);
        var (ns, name) = Split(key);
        if (pod is null || !WantsNetwork(pod))
        {
            await ctx.Nb.ApplyAsync(ctx.Nb.Plan(DesiredState.Nothing(Owner.Pod(ns, name))), cancellationToken).ConfigureAwait(false);
            if (ctx.Ipam.Release(key)) ctx.NamespaceQueue?.AddAfter(ns, AddressSetBatch);
            return;
        }
        var nodeName = pod.Spec.NodeName;
        var node = ctx.Nodes.Get(nodeName);
        var assignment = ctx.ClusterManager.Get(nodeName);
        var facts = node is null ? null : NodeAgentFacts.From(node);
        if (assignment is null || facts?.ChassisId is null || !ctx.Ipam.HasNode(nodeName))
        {
            LogWaitingForNode(key, nodeName);
            return; // the node's reconcile re-queues its pods once its switch exists
        }
        if (ctx.Metrics.SeenAt(key) is { } seen) ctx.Metrics.PodStage("queue").Observe(Stopwatch.GetElapsedTime(seen, started));
        var (network, annotate) = await EnsureNetworkAsync(pod, key, nodeName, assignment.Subnets[0], cancellationToken).ConfigureAwait(false);
        if (network is null) return;
        var info = new PodInfo(ns, name, pod.Metadata.Uid ?? "", nodeName, facts.ChassisId, network);
        var plan = ctx.Nb.Plan(PodPort.Translate(info));
        // The annotation PATCH goes to its own queue (AnnotateAsync): the LSP does not wait for the API server (the
        // slow half under load), and a restart recovers the IP from the LSP when the PATCH had not happened (FullSync).
        // The pod's own update event re-queues it; that reconcile finds both written and sends nothing.
        if (annotate)
        {
            if (ctx.PodAnnotationQueue is { } annotations) annotations.Add(key);
            else await AnnotateAsync(key, cancellationToken).ConfigureAwait(false);
        }
        await Timed("nb", () => ctx.Nb.ApplyAsync(plan, cancellationToken)).ConfigureAwait(false);
        if (plan.Inserts > 0) ctx.Metrics.PodCreated(key, started);
        ctx.NamespaceQueue?.AddAfter(ns, AddressSetBatch);
    }

    /// <summary>
    /// True for a scheduled, non-hostNetwork pod that has not completed or failed. A Terminating pod (deletionTimestamp
    /// set) keeps its network until it is gone, as upstream does: it still runs, and serves, during its grace period.
    /// </summary>
    public static bool WantsNetwork(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return !string.IsNullOrEmpty(pod.Spec?.NodeName) && pod.Spec.HostNetwork != true
            && pod.Status?.Phase is not ("Succeeded" or "Failed");
    }

    /// <summary>
    /// Writes the <c>pod-networks</c> annotation for the IP the pod holds, unless the pod already carries exactly that
    /// (the reconcile of the <c>pod-annotation</c> queue; a pod gone or not holding an IP needs nothing).
    /// </summary>
    public async Task AnnotateAsync(string key, CancellationToken cancellationToken)
    {
        var pod = ctx.Pods.Get(key);
        if (pod is null || !WantsNetwork(pod) || ctx.Ipam.Held(key) is not { } ip || ctx.ClusterManager.Get(pod.Spec.NodeName) is not { } assignment)
            return;
        var entry = Entry(ip, assignment.Subnets[0]);
        if (Existing(pod).Network is { } existing && (existing == entry || Same(entry, existing))) return;
        var value = PodNetworksAnnotation.Format(new Dictionary<string, PodNetwork> { [AnnotationKeys.DefaultNetwork] = entry });
        var body = JsonSerializer.Serialize(new Dictionary<string, object> { ["metadata"] = new Dictionary<string, object> { ["annotations"] = new Dictionary<string, string> { [AnnotationKeys.PodNetworks] = value } } });
        await Timed("annotate", () => PatchAsync(pod, body, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The pod's network: its valid annotation's, or a new allocation that still has to be annotated.</summary>
    private async Task<(PodNetwork? Network, bool Annotate)> EnsureNetworkAsync(V1Pod pod, string key, string node, IPNetwork subnet, CancellationToken cancellationToken)
    {
        var (existing, malformed) = Existing(pod);
        if (malformed is not null)
            await ctx.Problems.ReportAsync(Problems.PodRef(pod), "InvalidPodAnnotation",
                $"pod {key}: {malformed.Message} The controller has allocated a new IP and rewritten the annotation; nothing else to do.", cancellationToken).ConfigureAwait(false);
        if (existing is not null && ctx.Ipam.Reserve(key, node, existing.IpAddresses[0].Address).IsSuccess
            && existing.IpAddresses[0].PrefixLength == subnet.PrefixLength)
        {
            var want = Entry(existing.IpAddresses[0].Address, subnet);
            if (want == existing || Same(want, existing)) return (existing, false);
        }
        var ip = ctx.Ipam.Allocate(key, node);
        if (!ip.IsSuccess)
        {
            await ctx.Problems.ReportAsync(Problems.PodRef(pod), "PodIPAllocationFailed", $"pod {key}: {ip.Error.Message}", cancellationToken).ConfigureAwait(false);
            return (null, false);
        }
        return (Entry(ip.Value, subnet), true);
    }

    private Task PatchAsync(V1Pod pod, string body, CancellationToken cancellationToken) =>
        ctx.Kube.CoreV1.PatchNamespacedPodAsync(new V1Patch(body, V1Patch.PatchType.MergePatch), pod.Metadata.Name, pod.Metadata.NamespaceProperty,
            cancellationToken: cancellationToken);

    private async Task Timed(string stage, Func<Task> step)
    {
        var t = Stopwatch.GetTimestamp();
        await step().ConfigureAwait(false);
        ctx.Metrics.PodStage(stage).Observe(Stopwatch.GetElapsedTime(t));
    }

    private (PodNetwork? Network, AnnotationError? Malformed) Existing(V1Pod pod)
    {
        if (pod.Metadata.Annotations?.TryGetValue(AnnotationKeys.PodNetworks, out var text) != true) return (null, null);
        var parsed = PodNetworksAnnotation.Parse(text);
        if (!parsed.IsSuccess) return (null, parsed.Error); // rewritten with a fresh allocation
        return (parsed.Value.TryGetValue(AnnotationKeys.DefaultNetwork, out var n) && n.IpAddresses.Count > 0 ? n : null, null);
    }

    private PodNetwork Entry(IPAddress ip, IPNetwork subnet) =>
        PodNetworksAnnotation.DefaultEntry(new InterfaceAddress(ip, subnet.PrefixLength), IpMath.Offset(subnet, 1),
            [.. ctx.Config.ClusterCidrs, .. ctx.Config.ServiceCidrs, ClusterConfig.MasqueradeServiceRoute, .. ctx.Config.JoinSubnets]);

    private static bool Same(PodNetwork a, PodNetwork b) =>
        a.Mac == b.Mac && a.IpAddresses.SequenceEqual(b.IpAddresses) && a.GatewayIps.SequenceEqual(b.GatewayIps) && a.Routes.SequenceEqual(b.Routes);

    private static (string Ns, string Name) Split(string key) => key.IndexOf('/', StringComparison.Ordinal) is var i and > 0 ? (key[..i], key[(i + 1)..]) : ("", key);

    [LoggerMessage(Level = LogLevel.Debug, Message = "pod {Pod}: waiting for node {Node}'s subnet and chassis")]
    private partial void LogWaitingForNode(string pod, string node);
}
