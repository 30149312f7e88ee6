using System.Net;
using k8s.Models;
using Ovnk.Model.Allocation;
using Ovnk.Model.Annotations;
using Ovnk.Translation.Topology;

namespace Ovnk.Controller.Nodes;

/// <summary>
/// Upstream's cluster-manager role: one subnet (/24 of the cluster CIDR) and one ID (from 2) per node, the GR join
/// IP derived from the ID, all written as the upstream node annotations. On start every valid annotation is
/// reserved before anything is allocated, so a restart gives every node what it had. Thread-safe.
/// </summary>
public sealed class ClusterManager
{
    private readonly Lock _lock = new();
    private readonly NodeSubnetAllocator _subnets;
    private readonly NodeIdAllocator _ids = new();
    private readonly JoinIpAllocator _join;
    private readonly Dictionary<string, NodeAssignment> _assigned = new(StringComparer.Ordinal);

    /// <summary>A cluster manager for <paramref name="config"/> (its first IPv4 cluster CIDR and join subnet).</summary>
    public ClusterManager(ClusterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _subnets = new NodeSubnetAllocator(config.ClusterCidrs[0], config.HostPrefix);
        _join = new JoinIpAllocator(config.JoinSubnets[0]);
    }

    /// <summary>Reserves what the nodes' annotations already say (restart recovery); conflicting values are left for <see cref="Ensure"/> to replace.</summary>
    public void Recover(IEnumerable<V1Node> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        foreach (var node in nodes.OrderBy(n => n.Metadata.CreationTimestamp ?? DateTime.MinValue).ThenBy(n => n.Metadata.Name, StringComparer.Ordinal))
        {
            lock (_lock) TryAdopt(node);
        }
    }

    /// <summary>
    /// The node's assignment, allocating one when its annotations are absent, malformed or conflicting. Returns the
    /// annotations to write when they differ from the node's, or the allocation error (a full pool).
    /// </summary>
    public (NodeAssignment? Assignment, IReadOnlyDictionary<string, string>? Patch, string? Error) Ensure(V1Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        lock (_lock)
        {
            var name = node.Metadata.Name;
            if (!_assigned.ContainsKey(name) && !TryAdopt(node))
            {
                var subnet = _subnets.Allocate();
                if (!subnet.IsSuccess) return (null, null, subnet.Error.Message);
                var id = _ids.Allocate();
                if (!id.IsSuccess)
                {
                    _subnets.Release(subnet.Value);
                    return (null, null, id.Error.Message);
                }
                _assigned[name] = new NodeAssignment([subnet.Value], id.Value, [_join.ForNodeId(id.Value).Value]);
            }
            var a = _assigned[name];
            var want = Annotations(a);
            var have = node.Metadata.Annotations ?? new Dictionary<string, string>();
            var patch = want.Where(kv => !have.TryGetValue(kv.Key, out var v) || v != kv.Value).ToDictionary(kv => kv.Key, kv => kv.Value);
            return (a, patch.Count > 0 ? patch : null, null);
        }
    }

    /// <summary>The node's current assignment, if any.</summary>
    public NodeAssignment? Get(string node)
    {
        lock (_lock) return _assigned.GetValueOrDefault(node);
    }

    /// <summary>Returns a deleted node's subnet and ID to the pools.</summary>
    public bool Release(string node)
    {
        lock (_lock)
        {
            if (!_assigned.Remove(node, out var a)) return false;
            foreach (var s in a.Subnets) _subnets.Release(s);
            _ids.Release(a.NodeId);
            return true;
        }
    }

    private bool TryAdopt(V1Node node)
    {
        var annotations = node.Metadata.Annotations;
        if (annotations is null || _assigned.ContainsKey(node.Metadata.Name)) return false;
        if (!annotations.TryGetValue(AnnotationKeys.NodeSubnets, out var subnetsText) || !annotations.TryGetValue(AnnotationKeys.NodeId, out var idText))
            return false;
        var subnets = NodeSubnetsAnnotation.Parse(subnetsText);
        var id = NodeIdAnnotation.Parse(idText);
        if (!subnets.IsSuccess || !id.IsSuccess || !subnets.Value.TryGetValue(AnnotationKeys.DefaultNetwork, out var list) || list.Count == 0)
            return false;
        var join = _join.ForNodeId(id.Value);
        if (!join.IsSuccess || !_subnets.Reserve(list[0]).IsSuccess) return false;
        if (!_ids.Reserve(id.Value).IsSuccess)
        {
            _subnets.Release(list[0]);
            return false;
        }
        _assigned[node.Metadata.Name] = new NodeAssignment([list[0]], id.Value, [join.Value]);
        return true;
    }

    private static Dictionary<string, string> Annotations(NodeAssignment a) => new(StringComparer.Ordinal)
    {
        [AnnotationKeys.NodeSubnets] = NodeSubnetsAnnotation.Format(new Dictionary<string, IReadOnlyList<IPNetwork>> { [AnnotationKeys.DefaultNetwork] = a.Subnets }),
        [AnnotationKeys.NodeId] = NodeIdAnnotation.Format(a.NodeId),
        [AnnotationKeys.NodeGatewayRouterLrpIfAddr] = NodeGatewayRouterLrpIfAddrAnnotation.Format(new DualStackAddress(a.JoinAddresses[0], null)),
    };
}
