using Ovnk.Linux.Ethtool;
using Ovnk.Linux.Namespaces;
using Ovnk.Linux.Netlink;
using Ovnk.Linux.Sysctl;
using Ovnk.Linux.Tests.Support;

namespace Ovnk.Linux.Tests.Netlink;

public sealed class SysctlAndEthtoolTests
{
    [Fact]
    public async Task WriteSysctl_InterfaceWithDotInName_OnlyThatNamespaceChanges()
    {
        using var ns = new TempNetNs();
        using var rtnl = RtnlClient.Open(ns.Path);
        rtnl.CreateLink("br.100", "bridge");
        var arpIgnore = SysctlKey.InterfaceConf("br.100", "arp_ignore");
        var rpFilter = SysctlKey.Parse("net.ipv4.conf.br/100.rp_filter");
        var hostValue = Sysctls.Read(SysctlKey.Parse("net.ipv4.conf.all.arp_ignore"));

        NetNs.Run(ns.Path, () =>
        {
            Sysctls.Write(arpIgnore, "8");
            Sysctls.Write(rpFilter, "1");
        });

        Assert.Equal("/proc/sys/net/ipv4/conf/br.100/rp_filter", rpFilter.Path);
        Assert.Equal("net.ipv4.conf.br/100.arp_ignore", arpIgnore.ToString());
        Assert.Equal(("8", "1"), NetNs.Run(ns.Path, () => (Sysctls.Read(arpIgnore), Sysctls.Read(rpFilter))));
        Assert.Equal("8", (await Cli.RunAsync("ip", "netns", "exec", ns.Name, "sysctl", "-n", "net.ipv4.conf.br/100.arp_ignore")).Trim());
        Assert.Equal(hostValue, Sysctls.Read(SysctlKey.Parse("net.ipv4.conf.all.arp_ignore")));
        Assert.False(Directory.Exists("/proc/sys/net/ipv4/conf/br.100"), "the interface leaked into the root namespace");
    }

    [Fact]
    public void ReadSysctl_MissingInterface_ThrowsENoEnt()
    {
        using var ns = new TempNetNs();
        var error = Assert.Throws<SystemCallException>(() => NetNs.Run(ns.Path, () => Sysctls.Read(SysctlKey.InterfaceConf("nothere0", "rp_filter"))));
        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Contains("nothere0", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("empty segment", "net..ipv4")]
    [InlineData("empty key", "")]
    [InlineData("slash becomes dot", "net./.x")]
    [InlineData("slashes become dotdot", "net.//.x")]
    public void SysctlKey_Parse_RejectsPathEscapes(string caseName, string key)
    {
        _ = caseName;
        var error = Assert.Throws<InvalidNameException>(() => SysctlKey.Parse(key));
        Assert.Contains("Nothing was created", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain", "net.ipv4.ip_forward", "/proc/sys/net/ipv4/ip_forward")]
    [InlineData("vlan interface", "net.ipv4.conf.eth0/100.rp_filter", "/proc/sys/net/ipv4/conf/eth0.100/rp_filter")]
    public void SysctlKey_Parse_MapsToProcPathAndBack(string caseName, string key, string path)
    {
        _ = caseName;
        var parsed = SysctlKey.Parse(key);
        Assert.Equal(path, parsed.Path);
        Assert.Equal(key, parsed.ToString());
    }

    [Fact]
    public async Task SetTxChecksumming_Off_EthtoolShowsOffAndOnAgain()
    {
        using var host = new TempNetNs();
        using var pod = new TempNetNs();
        using var rtnl = RtnlClient.Open(host.Path);
        rtnl.CreateVeth(new VethSpec("vpod0", "eth0", pod.Path));
        Assert.True(NetNs.Run(pod.Path, () => EthtoolFeatures.GetTxChecksumming("eth0")));

        NetNs.Run(pod.Path, () => EthtoolFeatures.SetTxChecksumming("eth0", false));

        var shown = await Cli.RunAsync("ip", "netns", "exec", pod.Name, "ethtool", "-k", "eth0");
        Assert.Contains("tx-checksumming: off", shown, StringComparison.Ordinal);
        Assert.False(NetNs.Run(pod.Path, () => EthtoolFeatures.GetTxChecksumming("eth0")));
        var hostSide = await Cli.RunAsync("ip", "netns", "exec", host.Name, "ethtool", "-k", "vpod0");
        Assert.Contains("tx-checksumming: on", hostSide, StringComparison.Ordinal);

        NetNs.Run(pod.Path, () => EthtoolFeatures.SetTxChecksumming("eth0", true));
        Assert.Contains("tx-checksumming: on", await Cli.RunAsync("ip", "netns", "exec", pod.Name, "ethtool", "-k", "eth0"), StringComparison.Ordinal);
    }

    [Fact]
    public void SetTxChecksumming_MissingInterface_ThrowsENoDev()
    {
        using var ns = new TempNetNs();
        var error = Assert.Throws<SystemCallException>(() => NetNs.Run(ns.Path, () => EthtoolFeatures.SetTxChecksumming("nothere0", false)));
        Assert.Equal(Errno.ENODEV, error.Errno);
        Assert.Contains("nothere0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EthtoolSocket_OpenedInNamespace_ActsThereFromThisThread()
    {
        using var host = new TempNetNs();
        using var pod = new TempNetNs();
        using var rtnl = RtnlClient.Open(host.Path);
        using var ethtool = EthtoolSocket.Open(pod.Path);
        rtnl.CreateVeth(new VethSpec("vpod1", "eth0", pod.Path));

        // The socket was opened in the pod netns before eth0 existed; this thread never entered it.
        ethtool.SetTxChecksumming("eth0", false);

        Assert.False(ethtool.GetTxChecksumming("eth0"));
        Assert.Contains("tx-checksumming: off", await Cli.RunAsync("ip", "netns", "exec", pod.Name, "ethtool", "-k", "eth0"), StringComparison.Ordinal);
        Assert.Contains("tx-checksumming: on", await Cli.RunAsync("ip", "netns", "exec", host.Name, "ethtool", "-k", "vpod1"), StringComparison.Ordinal);
        Assert.Equal(Errno.ENODEV, Assert.Throws<SystemCallException>(() => ethtool.SetTxChecksumming("vpod1", false)).Errno); // the host end is not in its netns
    }
}
