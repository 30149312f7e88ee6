using System.Net;
using Ovnk.Model.Addressing;

namespace Ovnk.Model.Tests;

public class AddressingTests
{
    [Theory]
    [InlineData("rtos- gateway of 10.244.1.0/24", "10.244.1.1", "0a:58:0a:f4:01:01")]
    [InlineData("rtoj-ovn_cluster_router", "100.64.0.1", "0a:58:64:40:00:01")]
    [InlineData("pod in the upstream example", "10.244.0.6", "0a:58:0a:f4:00:06")]
    [InlineData("all-ones bytes", "255.255.255.255", "0a:58:ff:ff:ff:ff")]
    public void MacForIp_Ipv4_IsOa58PlusAddressBytes(string name, string ip, string expected)
    {
        Assert.NotEmpty(name);
        Assert.Equal(expected, MacAddress.ForIp(IPAddress.Parse(ip)).ToString());
    }

    [Fact]
    public void MacForIp_Ipv6_UsesFirstFourSha256BytesOfTheText()
    {
        var hash = System.Security.Cryptography.SHA256.HashData("fd00:10:244::5"u8.ToArray());
        var expected = $"0a:58:{hash[0]:x2}:{hash[1]:x2}:{hash[2]:x2}:{hash[3]:x2}";
        Assert.Equal(expected, MacAddress.ForIp(IPAddress.Parse("fd00:10:244::5")).ToString());
    }

    [Theory]
    [InlineData("lower case", "ca:53:88:23:bc:98", true)]
    [InlineData("upper case is accepted", "CA:53:88:23:BC:98", true)]
    [InlineData("dashes", "ca-53-88-23-bc-98", false)]
    [InlineData("too short", "ca:53:88:23:bc", false)]
    [InlineData("not hex", "zz:53:88:23:bc:98", false)]
    [InlineData("empty", "", false)]
    public void MacTryParse_Cases(string name, string text, bool ok)
    {
        Assert.NotEmpty(name);
        Assert.Equal(ok, MacAddress.TryParse(text, out var mac));
        if (ok) Assert.Equal(text.ToLowerInvariant(), mac!.Value.ToString());
    }

    [Theory]
    [InlineData("host bits kept", "10.244.1.5/24", true, "10.244.1.0/24")]
    [InlineData("ipv6", "fd00:10:244:1::5/64", true, "fd00:10:244:1::/64")]
    [InlineData("no prefix", "10.244.1.5", false, "")]
    [InlineData("prefix too long", "10.244.1.5/33", false, "")]
    [InlineData("negative prefix", "10.244.1.5/-1", false, "")]
    [InlineData("garbage", "ten/24", false, "")]
    public void InterfaceAddressTryParse_Cases(string name, string text, bool ok, string network)
    {
        Assert.NotEmpty(name);
        Assert.Equal(ok, InterfaceAddress.TryParse(text, out var parsed));
        if (!ok) return;
        Assert.Equal(text, parsed!.Value.ToString());
        Assert.Equal(network, parsed.Value.Network.ToString());
    }
}
