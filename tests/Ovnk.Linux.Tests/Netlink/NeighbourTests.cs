using System.Net;
using System.Net.NetworkInformation;
using Ovnk.Linux.Netlink;
using Ovnk.Linux.Tests.Support;

namespace Ovnk.Linux.Tests.Netlink;

public sealed class NeighbourTests
{
    [Fact]
    public async Task AddNeighbour_Permanent_IpNeighShowsItPermanent()
    {
        using var ns = new TempNetNs();
        using var rtnl = RtnlClient.Open(ns.Path);
        rtnl.CreateVeth(new VethSpec("mp0", "mp0peer"));
        rtnl.SetUp("mp0", true);
        rtnl.AddNeighbour("mp0", IPAddress.Parse("10.244.0.1"), PhysicalAddress.Parse("0A-58-0A-F4-00-01"));
        rtnl.AddNeighbour("mp0", IPAddress.Parse("fd00:244::1"), PhysicalAddress.Parse("0A-58-0A-F4-00-02"));

        var ip = await Cli.IpJsonAsync(ns.Name, "neigh");
        var v4 = Assert.Single(ip, n => n.GetProperty("dst").GetString() == "10.244.0.1");
        Assert.Equal("0a:58:0a:f4:00:01", v4.GetProperty("lladdr").GetString());
        Assert.Equal("mp0", v4.GetProperty("dev").GetString());
        Assert.Contains("PERMANENT", v4.GetProperty("state").EnumerateArray().Select(s => s.GetString()));
        Assert.Single(ip, n => n.GetProperty("dst").GetString() == "fd00:244::1");

        var ours = rtnl.ListNeighbours().Where(n => n.State.HasFlag(NeighbourState.Permanent)).ToList();
        Assert.Equal(2, ours.Count);
        var entry = Assert.Single(ours, n => n.Address.Equals(IPAddress.Parse("10.244.0.1")));
        Assert.Equal(PhysicalAddress.Parse("0A-58-0A-F4-00-01"), entry.Mac);
        Assert.Equal(rtnl.GetLink("mp0")!.Index, entry.LinkIndex);
    }

    [Fact]
    public async Task ReplaceNeighbour_ThenDelete_MacUpdatedThenGone()
    {
        using var ns = new TempNetNs();
        using var rtnl = RtnlClient.Open(ns.Path);
        rtnl.CreateLink("breth0", "bridge");
        var ip = IPAddress.Parse("172.18.0.3");
        rtnl.ReplaceNeighbour("breth0", ip, PhysicalAddress.Parse("02-00-00-00-00-01"));
        rtnl.ReplaceNeighbour("breth0", ip, PhysicalAddress.Parse("02-00-00-00-00-02"));

        var entry = Assert.Single(await Cli.IpJsonAsync(ns.Name, "neigh"), n => n.GetProperty("dst").GetString() == "172.18.0.3");
        Assert.Equal("02:00:00:00:00:02", entry.GetProperty("lladdr").GetString());
        var error = Assert.Throws<NetlinkException>(() => rtnl.AddNeighbour("breth0", ip, PhysicalAddress.Parse("02-00-00-00-00-03")));
        Assert.Equal(Errno.EEXIST, error.Errno);

        rtnl.DeleteNeighbour("breth0", ip);
        Assert.DoesNotContain(await Cli.IpJsonAsync(ns.Name, "neigh"), n => n.GetProperty("dst").GetString() == "172.18.0.3");
        Assert.Empty(rtnl.ListNeighbours());
    }
}
