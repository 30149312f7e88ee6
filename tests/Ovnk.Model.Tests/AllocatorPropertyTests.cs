using System.Net;
using CsCheck;
using Ovnk.Model.Allocation;

namespace Ovnk.Model.Tests;

/// <summary>Random operation sequences against a set-based model: no double allocation, release/reuse, exhaustion.</summary>
public class AllocatorPropertyTests
{
    // An op: 0 = allocate, 1 = release an offset, 2 = reserve an offset.
    private static readonly Gen<(int Op, int Offset)[]> Ops = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 15]).Array[0, 80];

    [Fact]
    public void PodIpAllocator_MatchesASetModel()
    {
        Ops.Sample(ops =>
        {
            var subnet = IPNetwork.Parse("10.0.0.0/28"); // 16 addresses, 12 allocatable
            var a = new PodIpAllocator(subnet);
            var held = new HashSet<int>();
            foreach (var (op, offset) in ops)
            {
                var ip = IPAddress.Parse($"10.0.0.{offset}");
                var allocatable = offset is > 2 and < 15;
                switch (op)
                {
                    case 0:
                        var r = a.Allocate();
                        if (held.Count == 12) { Assert.Equal(AllocationErrorKind.PoolExhausted, r.Error!.Kind); break; }
                        var got = (int)r.Value!.GetAddressBytes()[3];
                        Assert.True(got is > 2 and < 15, $"handed out excluded .{got}");
                        Assert.True(held.Add(got), $"handed out .{got} twice");
                        break;
                    case 1:
                        Assert.Equal(held.Remove(offset), a.Release(ip));
                        break;
                    default:
                        Assert.Equal(allocatable && held.Add(offset), a.Reserve(ip).IsSuccess);
                        break;
                }
                Assert.Equal(12 - held.Count, a.Free);
            }
        }, iter: 500);
    }

    [Fact]
    public void NodeSubnetAllocator_NeverHandsOutASubnetTwice_AndReusesReleasedOnes()
    {
        Gen.Select(Gen.Bool, Gen.Int[0, 15]).Array[0, 100].Sample(ops =>
        {
            var a = new NodeSubnetAllocator(IPNetwork.Parse("10.244.0.0/20"), 24); // 16 subnets
            var held = new HashSet<string>();
            foreach (var (allocate, index) in ops)
            {
                if (allocate)
                {
                    var r = a.Allocate();
                    Assert.Equal(held.Count < 16, r.IsSuccess);
                    if (r.IsSuccess) Assert.True(held.Add(r.Value.ToString()));
                }
                else
                {
                    var s = $"10.244.{index}.0/24";
                    Assert.Equal(held.Remove(s), a.Release(IPNetwork.Parse(s)));
                }
            }
            Assert.Equal(16 - held.Count, a.Free);
        }, iter: 500);
    }

    [Fact]
    public void NodeIdAllocator_AllocatesEveryIdOnceUntilExhausted()
    {
        Gen.Int[2, 200].Sample(max =>
        {
            var a = new NodeIdAllocator(max);
            var ids = new HashSet<int>();
            while (a.Allocate() is { IsSuccess: true } r) Assert.True(ids.Add(r.Value));
            Assert.Equal(max - 1, ids.Count);
            Assert.Equal(NodeIdAllocator.FirstId, ids.Min());
            Assert.Equal(max, ids.Max());
        }, iter: 100);
    }
}
