using System.Net;
using Ovnk.Model.Allocation;

namespace Ovnk.Controller.Pods;

/// <summary>
/// Pod IPs per node subnet, and which pod holds which IP, so a pod's own reservation is idempotent and a pod
/// claiming another pod's IP is detected. Thread-safe.
/// </summary>
public sealed class PodIpam
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PodIpAllocator> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Node, IPAddress Ip)> _held = new(StringComparer.Ordinal);

    /// <summary>Makes (or keeps) the pool of a node's subnet.</summary>
    public void SetNodeSubnet(string node, IPNetwork subnet)
    {
        lock (_lock)
        {
            if (_nodes.TryGetValue(node, out var existing) && existing.Subnet == subnet) return;
            _nodes[node] = new PodIpAllocator(subnet);
            foreach (var (pod, held) in _held.Where(h => h.Value.Node == node).ToArray())
                if (!_nodes[node].Reserve(held.Ip).IsSuccess) _held.Remove(pod);
        }
    }

    /// <summary>Forgets a deleted node's pool.</summary>
    public void RemoveNode(string node)
    {
        lock (_lock)
        {
            _nodes.Remove(node);
            foreach (var pod in _held.Where(h => h.Value.Node == node).Select(h => h.Key).ToArray()) _held.Remove(pod);
        }
    }

    /// <summary>True when the node's pool exists.</summary>
    public bool HasNode(string node)
    {
        lock (_lock) return _nodes.ContainsKey(node);
    }

    /// <summary>Records that <paramref name="pod"/> holds <paramref name="ip"/> (from its annotation); fails if another pod does.</summary>
    public AllocationResult<IPAddress> Reserve(string pod, string node, IPAddress ip)
    {
        lock (_lock)
        {
            if (_held.TryGetValue(pod, out var held) && held.Node == node && held.Ip.Equals(ip)) return AllocationResult<IPAddress>.Ok(ip);
            if (!_nodes.TryGetValue(node, out var pool))
                return AllocationResult<IPAddress>.Fail(AllocationErrorKind.OutOfRange, $"node {node} has no subnet yet");
            ReleaseLocked(pod);
            var r = pool.Reserve(ip);
            if (r.IsSuccess) _held[pod] = (node, ip);
            return r;
        }
    }

    /// <summary>The IP <paramref name="pod"/> holds, or a new one from its node's subnet.</summary>
    public AllocationResult<IPAddress> Allocate(string pod, string node)
    {
        lock (_lock)
        {
            if (_held.TryGetValue(pod, out var held) && held.Node == node) return AllocationResult<IPAddress>.Ok(held.Ip);
            if (!_nodes.TryGetValue(node, out var pool))
                return AllocationResult<IPAddress>.Fail(AllocationErrorKind.OutOfRange, $"node {node} has no subnet yet");
            ReleaseLocked(pod);
            var r = pool.Allocate();
            if (r.IsSuccess) _held[pod] = (node, r.Value);
            return r;
        }
    }

    /// <summary>The IP a pod holds, or null.</summary>
    public IPAddress? Held(string pod)
    {
        lock (_lock) return _held.TryGetValue(pod, out var h) ? h.Ip : null;
    }

    /// <summary>Returns a pod's IP to its pool (pod deleted, completed or failed).</summary>
    public bool Release(string pod)
    {
        lock (_lock) return ReleaseLocked(pod);
    }

    private bool ReleaseLocked(string pod)
    {
        if (!_held.Remove(pod, out var h)) return false;
        if (_nodes.TryGetValue(h.Node, out var pool)) pool.Release(h.Ip);
        return true;
    }
}
