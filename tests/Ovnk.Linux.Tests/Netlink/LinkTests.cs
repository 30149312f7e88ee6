using System.Net.NetworkInformation;
using System.Text.Json;
using Ovnk.Linux.Netlink;
using Ovnk.Linux.Tests.Support;

namespace Ovnk.Linux.Tests.Netlink;

public sealed class LinkTests
{
    private static JsonElement Only(JsonElement[] links, string name) => Assert.Single(links, l => l.GetProperty("ifname").GetString() == name);

    private static bool HasFlag(JsonElement link, string flag) =>
        link.GetProperty("flags").EnumerateArray().Any(f => f.GetString() == flag);

    [Fact]
    public async Task CreateVeth_PeerInOtherNamespace_PeerCreatedThereAndMatchesIp()
    {
        using var host = new TempNetNs();
        using var pod = new TempNetNs();
        using var rtnl = RtnlClient.Open(host.Path);
        using var podRtnl = RtnlClient.Open(pod.Path);
        var mac = PhysicalAddress.Parse("0A-58-0A-F4-00-05");
        rtnl.CreateVeth(new VethSpec("vhost0", "eth0", pod.Path, Mtu: 1400, PeerMac: mac));

        var hostSide = Assert.IsType<Link>(rtnl.GetLink("vhost0"));
        var podSide = Assert.IsType<Link>(podRtnl.GetLink("eth0"));
        Assert.Equal("veth", hostSide.Kind);
        Assert.Equal(1400, podSide.Mtu);
        Assert.Equal(mac, podSide.Mac);
        Assert.Null(rtnl.GetLink("eth0"));
        Assert.Equal(podSide.Index, hostSide.ParentIndex);
        Assert.Equal(hostSide.Index, podSide.ParentIndex);

        var ipPod = Only(await Cli.IpJsonAsync(pod.Name, "link"), "eth0");
        Assert.Equal(podSide.Index, ipPod.GetProperty("ifindex").GetInt32());
        Assert.Equal(1400, ipPod.GetProperty("mtu").GetInt32());
        Assert.Equal("0a:58:0a:f4:00:05", ipPod.GetProperty("address").GetString());
        var ipHost = Only(await Cli.IpJsonAsync(host.Name, "link"), "vhost0");
        Assert.Equal(hostSide.Mac?.ToString(), ipHost.GetProperty("address").GetString()!.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant());
    }

    [Fact]
    public async Task SetUpMtuMacRename_OnBridge_IpShowsEachChange()
    {
        using var ns = new TempNetNs();
        using var rtnl = RtnlClient.Open(ns.Path);
        rtnl.CreateLink("br-test", "bridge");
        rtnl.SetMtu("br-test", 1300);
        rtnl.SetMac("br-test", PhysicalAddress.Parse("02-00-00-00-00-42"));
        rtnl.Rename("br-test", "br-renamed");
        rtnl.SetUp("br-renamed", true);

        var link = Assert.IsType<Link>(rtnl.GetLink("br-renamed"));
        var ip = Only(await Cli.IpJsonAsync(ns.Name, "link"), "br-renamed");
        Assert.True(link.IsUp);
        Assert.True(HasFlag(ip, "UP"));
        Assert.Equal(1300, ip.GetProperty("mtu").GetInt32());
        Assert.Equal(1300, link.Mtu);
        Assert.Equal("02:00:00:00:00:42", ip.GetProperty("address").GetString());
        Assert.Equal("bridge", link.Kind);
        Assert.Null(rtnl.GetLink("br-test"));

        rtnl.SetUp("br-renamed", false);
        Assert.False(HasFlag(Only(await Cli.IpJsonAsync(ns.Name, "link"), "br-renamed"), "UP"));
        Assert.False(rtnl.GetLink("br-renamed")!.IsUp);
    }

    [Fact]
    public async Task ListLinks_AfterCreatesAndDelete_MatchesIpLinkShow()
    {
        using var ns = new TempNetNs();
        using var rtnl = RtnlClient.Open(ns.Path);
        rtnl.CreateVeth(new VethSpec("va0", "vb0"));
        rtnl.CreateLink("br0", "bridge");
        rtnl.CreateVeth(new VethSpec("vc0", "vd0"));
        rtnl.DeleteLink("vc0");

        var ours = rtnl.ListLinks().OrderBy(l => l.Index).Select(l => (l.Index, l.Name, l.Mtu)).ToList();
        var theirs = (await Cli.IpJsonAsync(ns.Name, "link"))
            .Select(l => (l.GetProperty("ifindex").GetInt32(), l.GetProperty("ifname").GetString()!, l.GetProperty("mtu").GetInt32()))
            .OrderBy(l => l.Item1).ToList();
        Assert.Equal(theirs, ours);
        Assert.Equal(["br0", "lo", "va0", "vb0"], ours.Select(l => l.Name).Order(StringComparer.Ordinal));
        Assert.Equal("lo", rtnl.GetLink(1)?.Name);
        Assert.Null(rtnl.GetLink(99999));
    }

    [Fact]
    public void CreateVeth_DuplicateName_ThrowsEExistNamingTheInterface()
    {
        using var ns = new TempNetNs();
        using var rtnl = RtnlClient.Open(ns.Path);
        rtnl.CreateVeth(new VethSpec("vdup0", "vdup1"));

        var error = Assert.Throws<NetlinkException>(() => rtnl.CreateVeth(new VethSpec("vdup0", "vother")));

        Assert.Equal(Errno.EEXIST, error.Errno);
        Assert.Contains("vdup0", error.Message, StringComparison.Ordinal);
        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
        Assert.Null(rtnl.GetLink("vother"));
    }

    [Theory]
    [InlineData("too long", "veth-name-too-long", "at most 15 bytes")]
    [InlineData("slash", "a/b", "'/'")]
    [InlineData("colon", "a:b", "':'")]
    [InlineData("space", "a b", "whitespace")]
    [InlineData("dot", ".", "'.'")]
    [InlineData("empty", "", "empty")]
    public void CreateVeth_InvalidName_ThrowsBeforeCreatingAnything(string caseName, string name, string expected)
    {
        _ = caseName;
        using var ns = new TempNetNs();
        using var rtnl = RtnlClient.Open(ns.Path);
        var error = Assert.Throws<InvalidNameException>(() => rtnl.CreateVeth(new VethSpec("vok0", name)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(["lo"], rtnl.ListLinks().Select(l => l.Name));
    }

    [Fact]
    public void CreateVeth_MissingPeerNamespace_ThrowsENoEntAndCreatesNothing()
    {
        using var ns = new TempNetNs();
        using var rtnl = RtnlClient.Open(ns.Path);
        var missing = Ovnk.Linux.Namespaces.NetNs.PathOf(TempNetNs.UniqueName("ovnkmissing"));
        var error = Assert.ThrowsAny<LinuxException>(() => rtnl.CreateVeth(new VethSpec("vx0", "vy0", missing)));
        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Null(rtnl.GetLink("vx0"));
    }

    [Fact]
    public void SetUp_MissingLink_ThrowsENoDevWithFix()
    {
        using var ns = new TempNetNs();
        using var rtnl = RtnlClient.Open(ns.Path);
        var error = Assert.Throws<NetlinkException>(() => rtnl.SetUp("nothere0", true));
        Assert.Equal(Errno.ENODEV, error.Errno);
        Assert.Contains("nothere0", error.Message, StringComparison.Ordinal);
        Assert.Contains("namespace", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MissingNamespace_ThrowsENoEnt()
    {
        var missing = Ovnk.Linux.Namespaces.NetNs.PathOf(TempNetNs.UniqueName("ovnkmissing"));
        var error = Assert.ThrowsAny<LinuxException>(() => RtnlClient.Open(missing));
        Assert.Equal(Errno.ENOENT, error.Errno);
    }

    [Fact]
    public void CreateLink_UnknownKind_ThrowsEOpNotSuppWithTheKernelsText()
    {
        using var ns = new TempNetNs();
        using var rtnl = RtnlClient.Open(ns.Path);
        var error = Assert.Throws<NetlinkException>(() => rtnl.CreateLink("x0", "nosuchkind"));
        Assert.Equal(Errno.EOPNOTSUPP, error.Errno);
        Assert.Contains("Unknown device type", error.Detail, StringComparison.Ordinal);
        Assert.Contains("module", error.Message, StringComparison.Ordinal);
    }
}
