using System.Net;
using Ovnk.Model.Allocation;

namespace Ovnk.Model.Tests;

public class AllocatorTests
{
    private static readonly IPNetwork Cluster = IPNetwork.Parse("10.244.0.0/16");

    [Fact]
    public void NodeSubnets_AreConsecutiveSlash24s_FromTheClusterCidr()
    {
        var a = new NodeSubnetAllocator(Cluster);
        Assert.Equal("10.244.0.0/24", a.Allocate().Value.ToString());
        Assert.Equal("10.244.1.0/24", a.Allocate().Value.ToString());
        Assert.Equal(254, a.Free);
    }

    [Fact]
    public void NodeSubnets_FullPool_IsATypedResultNamingTheFix()
    {
        var a = new NodeSubnetAllocator(IPNetwork.Parse("10.244.0.0/23"), 24);
        Assert.True(a.Allocate().IsSuccess);
        Assert.True(a.Allocate().IsSuccess);
        var full = a.Allocate();
        Assert.False(full.IsSuccess);
        Assert.Equal(AllocationErrorKind.PoolExhausted, full.Error.Kind);
        Assert.Contains("10.244.0.0/23", full.Error.Message, StringComparison.Ordinal);
        Assert.Contains("larger cluster CIDR", full.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("free subnet is reserved", "10.244.7.0/24", null)]
    [InlineData("outside the cluster CIDR", "10.245.0.0/24", AllocationErrorKind.OutOfRange)]
    [InlineData("wrong size", "10.244.8.0/23", AllocationErrorKind.WrongShape)]
    [InlineData("already held", "10.244.0.0/24", AllocationErrorKind.AlreadyAllocated)]
    public void NodeSubnetReserve_Cases(string name, string subnet, AllocationErrorKind? error)
    {
        Assert.NotEmpty(name);
        var a = new NodeSubnetAllocator(Cluster);
        a.Allocate(); // holds 10.244.0.0/24
        var r = a.Reserve(IPNetwork.Parse(subnet));
        Assert.Equal(error, r.Error?.Kind);
    }

    [Fact]
    public void NodeSubnets_ReservedBeforeAllocate_AreSkipped_AndReleasedOnesReused()
    {
        var a = new NodeSubnetAllocator(Cluster);
        Assert.True(a.Reserve(IPNetwork.Parse("10.244.0.0/24")).IsSuccess);
        Assert.Equal("10.244.1.0/24", a.Allocate().Value.ToString());
        Assert.True(a.Release(IPNetwork.Parse("10.244.0.0/24")));
        Assert.False(a.Release(IPNetwork.Parse("10.244.0.0/24")));
        Assert.Equal("10.244.0.0/24", a.Allocate().Value.ToString());
    }

    [Fact]
    public void NodeIds_StartAtTwo_AndExhaustAtMax()
    {
        var a = new NodeIdAllocator(maxId: 4);
        Assert.Equal([2, 3, 4], [a.Allocate().Value, a.Allocate().Value, a.Allocate().Value]);
        Assert.Equal(AllocationErrorKind.PoolExhausted, a.Allocate().Error!.Kind);
        Assert.Equal(AllocationErrorKind.OutOfRange, a.Reserve(1).Error!.Kind);
        Assert.True(a.Release(3));
        Assert.Equal(3, a.Allocate().Value);
    }

    [Theory]
    [InlineData("first node", 2, "100.64.0.2/16")]
    [InlineData("upstream example", 3, "100.64.0.3/16")]
    [InlineData("past one octet", 300, "100.64.1.44/16")]
    public void JoinIp_IsJoinBasePlusNodeId(string name, int id, string expected)
    {
        Assert.NotEmpty(name);
        var j = new JoinIpAllocator(JoinIpAllocator.DefaultJoinSubnet);
        Assert.Equal(expected, j.ForNodeId(id).Value.ToString());
        Assert.Equal("100.64.0.1/16", j.ClusterRouterAddress.ToString());
    }

    [Theory]
    [InlineData("reserved id 1", 1)]
    [InlineData("beyond the /16", 65535)]
    public void JoinIp_OutOfRangeIds_AreRefused(string name, int id)
    {
        Assert.NotEmpty(name);
        Assert.Equal(AllocationErrorKind.OutOfRange, new JoinIpAllocator(JoinIpAllocator.DefaultJoinSubnet).ForNodeId(id).Error!.Kind);
    }

    [Fact]
    public void PodIps_SkipNetworkGatewayManagementAndBroadcast()
    {
        var a = new PodIpAllocator(IPNetwork.Parse("10.244.1.0/29"));
        var got = new List<string>();
        while (a.Allocate() is { IsSuccess: true } r) got.Add(r.Value.ToString());
        Assert.Equal(["10.244.1.3", "10.244.1.4", "10.244.1.5", "10.244.1.6"], got);
        Assert.Equal("10.244.1.1", a.Gateway.ToString());
        Assert.Equal("10.244.1.2", a.ManagementIp.ToString());
    }

    [Theory]
    [InlineData("live pod ip", "10.244.1.9", null)]
    [InlineData("gateway", "10.244.1.1", AllocationErrorKind.Excluded)]
    [InlineData("management port", "10.244.1.2", AllocationErrorKind.Excluded)]
    [InlineData("broadcast", "10.244.1.255", AllocationErrorKind.Excluded)]
    [InlineData("other node's subnet", "10.244.2.9", AllocationErrorKind.OutOfRange)]
    [InlineData("ipv6", "fd00::9", AllocationErrorKind.OutOfRange)]
    public void PodIpReserve_Cases(string name, string ip, AllocationErrorKind? error)
    {
        Assert.NotEmpty(name);
        var a = new PodIpAllocator(IPNetwork.Parse("10.244.1.0/24"));
        Assert.Equal(error, a.Reserve(IPAddress.Parse(ip)).Error?.Kind);
    }

    [Fact]
    public void PodIps_ReservedOnRestart_AreNeverHandedOut()
    {
        var a = new PodIpAllocator(IPNetwork.Parse("10.244.1.0/24"));
        Assert.True(a.Reserve(IPAddress.Parse("10.244.1.3")).IsSuccess);
        Assert.Equal(AllocationErrorKind.AlreadyAllocated, a.Reserve(IPAddress.Parse("10.244.1.3")).Error!.Kind);
        Assert.Equal("10.244.1.4", a.Allocate().Value!.ToString());
    }
}
