using System.Net;
using k8s.Models;
using Ovnk.Controller.Pods;
using Ovnk.Kube.Informers;
using Ovnk.Model.Annotations;
using Ovnk.Translation.Ownership;
using Ovnk.Translation.Rows;
using Ovnk.Translation.Topology;

namespace Ovnk.Controller.Hosting;

/// <summary>
/// What a new leader does before its queues start (upstream's <c>syncFunc</c>s): reserve every node subnet and ID
/// and every live pod's IP from the annotations before anything is allocated, write the cluster-wide rows, then
/// queue every object and every owner found in the NB whose object is gone (stale rows are removed by that
/// owner's reconcile; foreign rows have no owner and are never queued).
/// </summary>
public static class FullSync
{
    /// <summary>Reserves, writes the cluster rows and queues everything.</summary>
    public static async Task RunAsync(ControllerContext ctx, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var nodes = ctx.Nodes.List();
        ctx.ClusterManager.Recover(nodes);
        foreach (var node in nodes)
            if (ctx.ClusterManager.Get(node.Metadata.Name) is { } a) ctx.Ipam.SetNodeSubnet(node.Metadata.Name, a.Subnets[0]);
        var live = ctx.Pods.List().Where(PodReconciler.WantsNetwork).ToArray();
        foreach (var pod in live)
            ReservePodIp(ctx, pod);
        // Then a pod without an annotation keeps the IP its LSP already has (the PATCH and the LSP transaction are
        // sent at once, so a controller killed between them leaves the LSP only); a clash with an annotated IP loses.
        foreach (var pod in live.Where(p => ctx.Ipam.Held(ObjectKeys.Of(p)) is null))
            if (PortIp(ctx, pod) is { } ip) ctx.Ipam.Reserve(ObjectKeys.Of(pod), pod.Spec.NodeName, ip);
        await ctx.Nb.ApplyAsync(ctx.Nb.Plan(ClusterTopology.Translate(ctx.Config)), cancellationToken).ConfigureAwait(false);
        foreach (var node in nodes) ctx.NodeQueue!.Add(node.Metadata.Name);
        foreach (var pod in ctx.Pods.List()) ctx.PodQueue!.Add(ObjectKeys.Of(pod));
        foreach (var ns in ctx.Namespaces.List()) ctx.NamespaceQueue!.Add(ns.Metadata.Name);
        foreach (var owner in ctx.Nb.Read(s => s.Owners()))
            QueueIfGone(ctx, owner);
    }

    private static void ReservePodIp(ControllerContext ctx, V1Pod pod)
    {
        if (pod.Metadata.Annotations?.TryGetValue(AnnotationKeys.PodNetworks, out var text) != true) return;
        var parsed = PodNetworksAnnotation.Parse(text);
        if (!parsed.IsSuccess || !parsed.Value.TryGetValue(AnnotationKeys.DefaultNetwork, out var n) || n.IpAddresses.Count == 0) return;
        ctx.Ipam.Reserve(ObjectKeys.Of(pod), pod.Spec.NodeName, n.IpAddresses[0].Address); // a clash is resolved by the pod's reconcile
    }

    /// <summary>The IP in the pod's own LSP (<c>addresses</c> = "MAC IP"), or null.</summary>
    private static IPAddress? PortIp(ControllerContext ctx, V1Pod pod)
    {
        var owner = Owner.Pod(pod.Metadata.NamespaceProperty ?? "", pod.Metadata.Name);
        var addresses = ctx.Nb.Read(s => s.OwnedBy(owner).FirstOrDefault(r => r.Table.Name == NbTables.LogicalSwitchPort.Name)?.Row.GetSet("addresses"));
        var first = addresses is { Count: > 0 } ? addresses[0] as string : null;
        var parts = first?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is { Length: >= 2 } && IPAddress.TryParse(parts[1], out var ip) ? ip : null;
    }

    private static void QueueIfGone(ControllerContext ctx, Owner owner)
    {
        switch (owner.Kind)
        {
            case OwnerKind.Node when ctx.Nodes.Get(owner.Name) is null:
                ctx.NodeQueue!.Add(owner.Name);
                break;
            case OwnerKind.Pod:
                var key = owner.Name.Replace(':', '/');
                if (ctx.Pods.Get(key) is null) ctx.PodQueue!.Add(key);
                break;
            case OwnerKind.Namespace when ctx.Namespaces.Get(owner.Name) is null:
                ctx.NamespaceQueue!.Add(owner.Name);
                break;
        }
    }
}
