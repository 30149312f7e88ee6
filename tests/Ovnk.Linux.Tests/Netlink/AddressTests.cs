using System.Net.Sockets;
using Ovnk.Linux.Netlink;
using Ovnk.Linux.Tests.Support;

namespace Ovnk.Linux.Tests.Netlink;

public sealed class AddressTests
{
    private static async Task<List<(string Family, string Local, int Prefix)>> IpAddrs(string ns, string dev) =>
        (await Cli.IpJsonAsync(ns, "addr", "dev", dev))
            .SelectMany(l => l.GetProperty("addr_info").EnumerateArray())
            .Where(a => a.GetProperty("scope").GetString() != "link")
            .Select(a => (a.GetProperty("family").GetString()!, a.GetProperty("local").GetString()!, a.GetProperty("prefixlen").GetInt32()))
            .OrderBy(a => a.Item2, StringComparer.Ordinal)
            .ToList();

    [Fact]
    public async Task AddAddress_IPv4AndIPv6_ListMatchesIpAddrShow()
    {
        using var ns = new TempNetNs();
        using var rtnl = RtnlClient.Open(ns.Path);
        rtnl.CreateVeth(new VethSpec("va0", "vb0"));
        rtnl.AddAddress("va0", InterfaceAddress.Parse("10.244.1.2/24"));
        rtnl.AddAddress("va0", InterfaceAddress.Parse("10.244.1.3/32"));
        rtnl.AddAddress("va0", InterfaceAddress.Parse("fd00:10:244:1::2/64"), skipDad: true);

        var ours = rtnl.ListAddresses("va0")
            .Where(a => a.Scope != RouteScope.Link)
            .Select(a => (a.Address.IsIPv6 ? "inet6" : "inet", a.Address.Address.ToString(), a.Address.PrefixLength))
            .OrderBy(a => a.Item2, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(await IpAddrs(ns.Name, "va0"), ours);
        Assert.Equal(3, ours.Count);
        Assert.Single(rtnl.ListAddresses(AddressFamily.InterNetworkV6), a => a.Address.ToString() == "fd00:10:244:1::2/64");
    }

    [Fact]
    public async Task DeleteAddress_Present_GoneFromIp()
    {
        using var ns = new TempNetNs();
        using var rtnl = RtnlClient.Open(ns.Path);
        rtnl.CreateLink("br0", "bridge");
        var address = InterfaceAddress.Parse("192.168.77.1/24");
        rtnl.AddAddress("br0", address);
        rtnl.DeleteAddress("br0", address);

        Assert.Empty(await IpAddrs(ns.Name, "br0"));
        Assert.DoesNotContain(rtnl.ListAddresses(), a => a.Address == address);
    }

    [Fact]
    public void AddAddress_Twice_ThrowsEExist()
    {
        using var ns = new TempNetNs();
        using var rtnl = RtnlClient.Open(ns.Path);
        rtnl.CreateLink("br0", "bridge");
        rtnl.AddAddress("br0", InterfaceAddress.Parse("10.9.9.1/24"));
        var error = Assert.Throws<NetlinkException>(() => rtnl.AddAddress("br0", InterfaceAddress.Parse("10.9.9.1/24")));
        Assert.Equal(Errno.EEXIST, error.Errno);
        Assert.Contains("10.9.9.1/24 on br0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAddress_MissingLink_ThrowsENoDev()
    {
        using var ns = new TempNetNs();
        using var rtnl = RtnlClient.Open(ns.Path);
        var error = Assert.Throws<NetlinkException>(() => rtnl.AddAddress("nolink0", InterfaceAddress.Parse("10.9.9.1/24")));
        Assert.Equal(Errno.ENODEV, error.Errno);
    }

    [Theory]
    [InlineData("ipv4 host bits kept", "10.244.0.5/24", "10.244.0.0/24")]
    [InlineData("ipv4 /32", "10.1.2.3/32", "10.1.2.3/32")]
    [InlineData("ipv6", "fd00::1:2/112", "fd00::1:0/112")]
    public void InterfaceAddress_Parse_KeepsAddressAndComputesNetwork(string caseName, string text, string network)
    {
        _ = caseName;
        var parsed = InterfaceAddress.Parse(text);
        Assert.Equal(text, parsed.ToString());
        Assert.Equal(network, parsed.Network.ToString());
    }

    [Theory]
    [InlineData("no prefix", "10.0.0.1")]
    [InlineData("prefix too long", "10.0.0.1/33")]
    [InlineData("not an address", "x/24")]
    [InlineData("signed prefix", "10.0.0.1/+4")]
    public void InterfaceAddress_TryParse_RejectsMalformed(string caseName, string text)
    {
        _ = caseName;
        Assert.False(InterfaceAddress.TryParse(text, out _));
    }
}
