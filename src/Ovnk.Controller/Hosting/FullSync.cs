using k8s.Models;
using Ovnk.Controller.Pods;
using Ovnk.Kube.Informers;
using Ovnk.Model.Annotations;
using Ovnk.Translation.Ownership;
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
        foreach (var pod in ctx.Pods.List().Where(PodReconciler.WantsNetwork))
            ReservePodIp(ctx, pod);
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
