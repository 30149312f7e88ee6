using System.Net;
using System.Net.Sockets;
using Ovnk.Model.Addressing;

namespace Ovnk.Model.Allocation;

/// <summary>
/// Join-switch addresses. Upstream derives a gateway router's join IP from the node ID (join base + ID, so node 3
/// gets 100.64.0.3/16) and gives the cluster router's <c>rtoj-ovn_cluster_router</c> port the first address
/// (100.64.0.1). Nothing is stored: the node ID allocator is the only state, so this is a pure mapping.
/// </summary>
public sealed class JoinIpAllocator
{
    /// <summary>Upstream's default join subnet.</summary>
    public static readonly IPNetwork DefaultJoinSubnet = new(IPAddress.Parse("100.64.0.0"), 16);

    /// <summary>A mapping over <paramref name="joinSubnet"/> (IPv4).</summary>
    public JoinIpAllocator(IPNetwork joinSubnet)
    {
        if (joinSubnet.BaseAddress.AddressFamily != AddressFamily.InterNetwork || joinSubnet.PrefixLength > 30)
            throw new ArgumentException($"join subnet {joinSubnet} must be IPv4 and /30 or larger (upstream: 100.64.0.0/16).", nameof(joinSubnet));
        JoinSubnet = joinSubnet;
    }

    /// <summary>The join subnet.</summary>
    public IPNetwork JoinSubnet { get; }

    /// <summary>The cluster router's join port address (<c>rtoj-ovn_cluster_router</c>): the first host.</summary>
    public InterfaceAddress ClusterRouterAddress => new(IpMath.Offset(JoinSubnet, 1), JoinSubnet.PrefixLength);

    /// <summary>The gateway router join address (<c>rtoj-GR_&lt;node&gt;</c>) of the node with <paramref name="nodeId"/>.</summary>
    public AllocationResult<InterfaceAddress> ForNodeId(int nodeId)
    {
        var size = IpMath.Size(JoinSubnet);
        if (nodeId < NodeIdAllocator.FirstId || (ulong)nodeId >= size - 1)
            return AllocationResult<InterfaceAddress>.Fail(AllocationErrorKind.OutOfRange,
                $"node ID {nodeId} has no address in join subnet {JoinSubnet} (IDs {NodeIdAllocator.FirstId}..{size - 2} fit); use a larger join subnet or fewer nodes.");
        return AllocationResult<InterfaceAddress>.Ok(new InterfaceAddress(IpMath.Offset(JoinSubnet, (ulong)nodeId), JoinSubnet.PrefixLength));
    }
}
