using System.Text;
using System.Text.Json;
using Ovnk.Cni.Protocol;

namespace Ovnk.Cni.Tests;

/// <summary>The result shapes of SPEC.md "Result" at each supported version (reliability-and-protocols.md §1.4).</summary>
public sealed class CniResultWriterTests
{
    // Upstream's ADD result: host veth (no sandbox), then the pod's interface; ips point at index 1 (§4.3 step 11).
    private static readonly CniResult Sample = new(
        [new CniInterface("0123456789abcde", "0a:58:0a:f4:01:ff", Mtu: 1400), new CniInterface("eth0", "0a:58:0a:f4:01:05", "/run/netns/pod", 1400)],
        [new CniIpConfig("10.244.1.5/24", "10.244.1.1", 1), new CniIpConfig("fd00:10:244:1::5/64", "fd00:10:244:1::1", 1)],
        [new CniRoute("0.0.0.0/0", "10.244.1.1", 1400)],
        new CniDns(["10.96.0.10"], Search: ["default.svc.cluster.local"]));

    private static JsonElement Print(string version) =>
        JsonDocument.Parse(Encoding.UTF8.GetString(CniResultWriter.ToUtf8(Sample, version))).RootElement;

    [Theory]
    [InlineData("0.3.0")]
    [InlineData("0.3.1")]
    [InlineData("0.4.0")]
    public void Before_1_0_ips_carry_their_family_as_version(string version)
    {
        var r = Print(version);
        Assert.Equal(version, r.GetProperty("cniVersion").GetString());
        Assert.Equal("4", r.GetProperty("ips")[0].GetProperty("version").GetString());
        Assert.Equal("6", r.GetProperty("ips")[1].GetProperty("version").GetString());
        Assert.False(r.GetProperty("interfaces")[1].TryGetProperty("mtu", out _));
        Assert.False(r.GetProperty("routes")[0].TryGetProperty("mtu", out _));
    }

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("1.1.0")]
    public void From_1_0_ips_have_no_version_field(string version)
    {
        var ips = Print(version).GetProperty("ips");
        Assert.All(ips.EnumerateArray(), ip => Assert.False(ip.TryGetProperty("version", out _)));
        Assert.Equal("10.244.1.5/24", ips[0].GetProperty("address").GetString());
        Assert.Equal("10.244.1.1", ips[0].GetProperty("gateway").GetString());
        Assert.Equal(1, ips[0].GetProperty("interface").GetInt32());
    }

    [Fact]
    public void Only_1_1_prints_interface_and_route_mtu()
    {
        Assert.Equal(1400, Print("1.1.0").GetProperty("interfaces")[1].GetProperty("mtu").GetInt32());
        Assert.Equal(1400, Print("1.1.0").GetProperty("routes")[0].GetProperty("mtu").GetInt32());
        Assert.False(Print("1.0.0").GetProperty("interfaces")[1].TryGetProperty("mtu", out _));
    }

    [Theory]
    [InlineData("0.3.1")]
    [InlineData("1.0.0")]
    public void Host_interface_has_no_sandbox_and_pod_interface_has_the_netns(string version)
    {
        var interfaces = Print(version).GetProperty("interfaces");
        Assert.False(interfaces[0].TryGetProperty("sandbox", out _));
        Assert.Equal("0123456789abcde", interfaces[0].GetProperty("name").GetString());
        Assert.Equal("/run/netns/pod", interfaces[1].GetProperty("sandbox").GetString());
        Assert.Equal("0a:58:0a:f4:01:05", interfaces[1].GetProperty("mac").GetString());
    }

    [Fact]
    public void Dns_is_always_an_object_and_empty_lists_are_omitted()
    {
        var dns = Print("1.0.0").GetProperty("dns");
        Assert.Equal("10.96.0.10", dns.GetProperty("nameservers")[0].GetString());
        Assert.False(dns.TryGetProperty("options", out _));
        var bare = JsonDocument.Parse(CniResultWriter.ToUtf8(Sample with { Dns = null, Routes = null }, "1.0.0")).RootElement;
        Assert.Equal(JsonValueKind.Object, bare.GetProperty("dns").ValueKind);
        Assert.False(bare.TryGetProperty("routes", out _));
    }

    [Fact]
    public void Unsupported_version_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => CniResultWriter.ToUtf8(Sample, "0.2.0"));
        Assert.Contains("1.1.0", e.Message, StringComparison.Ordinal);
    }
}
