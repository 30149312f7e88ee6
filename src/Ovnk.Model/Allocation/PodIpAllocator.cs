using System.Net;
using System.Net.Sockets;
using Ovnk.Model.Addressing;

namespace Ovnk.Model.Allocation;

/// <summary>
/// Pod IPs inside one node subnet. Never hands out the network address, <c>.1</c> (the <c>rtos-</c> port and pod
/// gateway), <c>.2</c> (the management port <c>k8s-&lt;node&gt;</c>) or the broadcast address (upstream §2.1).
/// On restart the controller reserves every IP held by a live pod before allocating anything new.
/// </summary>
public sealed class PodIpAllocator
{
    private readonly IndexPool _pool;

    /// <summary>A pool over <paramref name="nodeSubnet"/> (IPv4, /29 or larger).</summary>
    public PodIpAllocator(IPNetwork nodeSubnet)
    {
        if (nodeSubnet.BaseAddress.AddressFamily != AddressFamily.InterNetwork || nodeSubnet.PrefixLength > 29 || nodeSubnet.PrefixLength < 12)
            throw new ArgumentException($"node subnet {nodeSubnet} must be IPv4 between /12 and /29 to hold pods.", nameof(nodeSubnet));
        Subnet = nodeSubnet;
        _pool = new IndexPool((int)IpMath.Size(nodeSubnet));
        foreach (var excluded in new[] { 0, 1, 2, _pool.Count - 1 }) _pool.TryReserve(excluded);
    }

    /// <summary>The node subnet.</summary>
    public IPNetwork Subnet { get; }

    /// <summary>The pod gateway (<c>.1</c>, the <c>rtos-&lt;node&gt;</c> port).</summary>
    public IPAddress Gateway => IpMath.Offset(Subnet, 1);

    /// <summary>The management port address (<c>.2</c>).</summary>
    public IPAddress ManagementIp => IpMath.Offset(Subnet, 2);

    /// <summary>How many pod IPs are still free.</summary>
    public int Free => _pool.Free;

    /// <summary>Takes the lowest free pod IP, or reports a full subnet.</summary>
    public AllocationResult<IPAddress> Allocate() =>
        _pool.Allocate() is { } i
            ? AllocationResult<IPAddress>.Ok(IpMath.Offset(Subnet, (ulong)i))
            : AllocationResult<IPAddress>.Fail(AllocationErrorKind.PoolExhausted,
                $"node subnet {Subnet} has no free pod IP; delete pods on this node or use larger node subnets.");

    /// <summary>Marks an IP held by a live pod as taken (restart recovery).</summary>
    public AllocationResult<IPAddress> Reserve(IPAddress ip)
    {
        ArgumentNullException.ThrowIfNull(ip);
        if (!IpMath.ContainsV4(Subnet, ip))
            return AllocationResult<IPAddress>.Fail(AllocationErrorKind.OutOfRange, $"{ip} is not inside node subnet {Subnet}; the pod's annotation is stale: delete the pod.");
        var i = (int)IpMath.OffsetOf(Subnet, ip);
        if (IsExcluded(i))
            return AllocationResult<IPAddress>.Fail(AllocationErrorKind.Excluded, $"{ip} is the network, gateway, management or broadcast address of {Subnet}; delete the pod so it gets a new IP.");
        return _pool.TryReserve(i)
            ? AllocationResult<IPAddress>.Ok(ip)
            : AllocationResult<IPAddress>.Fail(AllocationErrorKind.AlreadyAllocated, $"{ip} in {Subnet} is already held by another pod; delete one of the pods.");
    }

    /// <summary>Returns a pod IP to the pool; false when it was not allocated or is never allocatable.</summary>
    public bool Release(IPAddress ip) =>
        IpMath.ContainsV4(Subnet, ip) && (int)IpMath.OffsetOf(Subnet, ip) is var i && !IsExcluded(i) && _pool.Release(i);

    /// <summary>True when the IP is held by a pod.</summary>
    public bool IsAllocated(IPAddress ip) =>
        IpMath.ContainsV4(Subnet, ip) && (int)IpMath.OffsetOf(Subnet, ip) is var i && !IsExcluded(i) && _pool.IsUsed(i);

    private bool IsExcluded(int index) => index <= 2 || index == _pool.Count - 1;
}
