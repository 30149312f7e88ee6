using System.Text.Json;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Ovnk.Controller.Hosting;
using Ovnk.Kube.Informers;
using Ovnk.Translation.Ownership;
using Ovnk.Translation.Rows;
using Ovnk.Translation.Topology;

namespace Ovnk.Controller.Nodes;

/// <summary>
/// Reconciles one node: cluster-manager annotations (subnet, ID, join IP), then the node's NB topology from the
/// node agent's annotations; a deleted node's rows are removed and its subnet and ID released. Bad annotations
/// and a full pool become Events on the node; other nodes are unaffected.
/// </summary>
public sealed partial class NodeReconciler(ControllerContext ctx)
{
    /// <summary>Reconciles the node named <paramref name="name"/>.</summary>
    public async Task ReconcileAsync(string name, CancellationToken cancellationToken)
    {
        var node = ctx.Nodes.Get(name);
        if (node is null)
        {
            await ctx.Nb.ApplyAsync(ctx.Nb.Plan(DesiredState.Nothing(Owner.Node(name))), cancellationToken).ConfigureAwait(false);
            ctx.Ipam.RemoveNode(name);
            if (ctx.ClusterManager.Release(name))
                foreach (var waiting in ctx.Nodes.List().Where(n => ctx.ClusterManager.Get(n.Metadata.Name) is null))
                    ctx.NodeQueue?.Add(waiting.Metadata.Name); // a freed subnet may unblock a node that found the pool full
            return;
        }
        var (assignment, patch, error) = ctx.ClusterManager.Ensure(node);
        if (assignment is null)
        {
            await ctx.Problems.ReportAsync(Problems.NodeRef(node), "NodeSubnetAllocationFailed", $"node {name}: {error}", cancellationToken).ConfigureAwait(false);
            return;
        }
        if (patch is not null)
            await PatchAnnotationsAsync(name, patch, cancellationToken).ConfigureAwait(false);
        ctx.Ipam.SetNodeSubnet(name, assignment.Subnets[0]);
        var facts = NodeAgentFacts.From(node);
        if (facts.Missing is { } missing)
        {
            LogWaiting(name, missing);
            return;
        }
        if (facts.Error is { } bad)
        {
            await ctx.Problems.ReportAsync(Problems.NodeRef(node), "InvalidNodeAnnotation",
                $"node {name}: {bad.Message} The node agent (ovnk node) on {name} writes this annotation: check its log; it rewrites the annotation when it starts.", cancellationToken).ConfigureAwait(false);
            return;
        }
        var info = new NodeInfo(name, assignment.NodeId, assignment.Subnets, assignment.JoinAddresses, facts.ChassisId!, facts.ManagementMac!.Value, facts.Gateway!);
        await ctx.Nb.ApplyAsync(ctx.Nb.Plan(NodeTopology.Translate(ctx.Config, info)), cancellationToken).ConfigureAwait(false);
        ctx.Problems.Clear(Problems.NodeRef(node));
        foreach (var pod in ctx.Pods.ByIndex(Indexers.NodeName, name))
            ctx.PodQueue?.Add(ObjectKeys.Of(pod)); // pods wait for their node's switch
    }

    private async Task PatchAnnotationsAsync(string name, IReadOnlyDictionary<string, string> annotations, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object> { ["metadata"] = new Dictionary<string, object> { ["annotations"] = annotations } });
        await ctx.Kube.CoreV1.PatchNodeAsync(new V1Patch(body, V1Patch.PatchType.MergePatch), name, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "node {Node}: waiting for the node agent's annotation {Annotation}")]
    private partial void LogWaiting(string node, string annotation);

    private readonly ILogger _logger = ctx.Logger;
}
