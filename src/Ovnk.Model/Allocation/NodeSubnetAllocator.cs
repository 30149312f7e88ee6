using System.Net;
using System.Net.Sockets;
using Ovnk.Model.Addressing;

namespace Ovnk.Model.Allocation;

/// <summary>
/// Hands out one node subnet (default /24) per node from the cluster CIDR (kind's default 10.244.0.0/16), as
/// upstream's cluster-manager does for <c>k8s.ovn.org/node-subnets</c>. Subnets found in node annotations at
/// start are reserved before anything new is allocated.
/// </summary>
public sealed class NodeSubnetAllocator
{
    private readonly IndexPool _pool;

    /// <summary>A pool of /<paramref name="hostPrefix"/> subnets of <paramref name="clusterCidr"/>.</summary>
    /// <exception cref="ArgumentException">The configuration cannot work; the message names the fix.</exception>
    public NodeSubnetAllocator(IPNetwork clusterCidr, int hostPrefix = 24)
    {
        if (clusterCidr.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
            throw new ArgumentException($"cluster CIDR {clusterCidr} is not IPv4; IPv6 node subnets are not implemented yet.", nameof(clusterCidr));
        if (hostPrefix < clusterCidr.PrefixLength || hostPrefix > 29 || hostPrefix - clusterCidr.PrefixLength > 20)
            throw new ArgumentException(
                $"node subnet size /{hostPrefix} does not fit cluster CIDR {clusterCidr}: use a host prefix between " +
                $"/{clusterCidr.PrefixLength} and /29 and at most 2^20 subnets (e.g. 10.244.0.0/16 with /24).", nameof(hostPrefix));
        ClusterCidr = clusterCidr;
        HostPrefix = hostPrefix;
        _pool = new IndexPool(1 << (hostPrefix - clusterCidr.PrefixLength));
    }

    /// <summary>The pool all subnets come from.</summary>
    public IPNetwork ClusterCidr { get; }

    /// <summary>The prefix length of each node subnet.</summary>
    public int HostPrefix { get; }

    /// <summary>How many subnets are still free.</summary>
    public int Free => _pool.Free;

    /// <summary>Takes the lowest free subnet, or reports a full pool.</summary>
    public AllocationResult<IPNetwork> Allocate()
    {
        var index = _pool.Allocate();
        return index is { } i
            ? AllocationResult<IPNetwork>.Ok(SubnetAt(i))
            : AllocationResult<IPNetwork>.Fail(AllocationErrorKind.PoolExhausted,
                $"all {_pool.Count} /{HostPrefix} node subnets of {ClusterCidr} are in use; delete unused nodes or configure a larger cluster CIDR.");
    }

    /// <summary>Marks a subnet (from a node annotation) as taken; refuses subnets outside the pool or already held.</summary>
    public AllocationResult<IPNetwork> Reserve(IPNetwork subnet)
    {
        if (IndexOf(subnet) is not { } i)
            return AllocationResult<IPNetwork>.Fail(subnet.PrefixLength == HostPrefix ? AllocationErrorKind.OutOfRange : AllocationErrorKind.WrongShape,
                $"subnet {subnet} is not a /{HostPrefix} inside cluster CIDR {ClusterCidr}; remove the node's k8s.ovn.org/node-subnets annotation so a new subnet is allocated.");
        return _pool.TryReserve(i)
            ? AllocationResult<IPNetwork>.Ok(subnet)
            : AllocationResult<IPNetwork>.Fail(AllocationErrorKind.AlreadyAllocated,
                $"subnet {subnet} is already assigned to another node; remove one node's k8s.ovn.org/node-subnets annotation.");
    }

    /// <summary>Returns a subnet to the pool; false when it was not allocated (or not from this pool).</summary>
    public bool Release(IPNetwork subnet) => IndexOf(subnet) is { } i && _pool.Release(i);

    /// <summary>True when the subnet is currently allocated.</summary>
    public bool IsAllocated(IPNetwork subnet) => IndexOf(subnet) is { } i && _pool.IsUsed(i);

    private IPNetwork SubnetAt(int index) =>
        new(IpMath.Offset(ClusterCidr, (ulong)index << (32 - HostPrefix)), HostPrefix);

    private int? IndexOf(IPNetwork subnet)
    {
        if (subnet.PrefixLength != HostPrefix || !IpMath.ContainsV4(ClusterCidr, subnet.BaseAddress)) return null;
        return (int)(IpMath.OffsetOf(ClusterCidr, subnet.BaseAddress) >> (32 - HostPrefix));
    }
}
