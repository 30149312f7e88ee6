using System.Net;
using Ovnk.Model.Addressing;
using Ovnk.Model.Annotations;

namespace Ovnk.Model.Tests;

public class PodNetworksAnnotationTests
{
    // Upstream's annotation for a plain pod on a kind cluster (field order as pkg/util/pod_annotation.go writes it).
    private const string Upstream =
        """{"default":{"ip_addresses":["10.244.1.3/24"],"mac_address":"0a:58:0a:f4:01:03","gateway_ips":["10.244.1.1"],"routes":[{"dest":"10.244.0.0/16","nextHop":"10.244.1.1"},{"dest":"100.64.0.0/16","nextHop":"10.244.1.1"}],"ip_address":"10.244.1.3/24","gateway_ip":"10.244.1.1","role":"primary"}}""";

    [Fact]
    public void Format_DefaultEntry_IsUpstreamsExactJson()
    {
        InterfaceAddress.TryParse("10.244.1.3/24", out var ip);
        var entry = PodNetworksAnnotation.DefaultEntry(ip!.Value, IPAddress.Parse("10.244.1.1"),
            [IPNetwork.Parse("10.244.0.0/16"), IPNetwork.Parse("100.64.0.0/16")]);
        Assert.Equal(Upstream, PodNetworksAnnotation.Format(new Dictionary<string, PodNetwork> { ["default"] = entry }));
    }

    [Fact]
    public void Parse_UpstreamValue_RoundTripsExactly()
    {
        var parsed = PodNetworksAnnotation.Parse(Upstream);
        Assert.True(parsed.IsSuccess, parsed.Error?.Message);
        var d = parsed.Value["default"];
        Assert.Equal("0a:58:0a:f4:01:03", d.Mac.ToString());
        Assert.Equal(PodNetworkRole.Primary, d.Role);
        Assert.Equal(2, d.Routes.Count);
        Assert.Equal(Upstream, PodNetworksAnnotation.Format(parsed.Value));
    }

    [Fact]
    public void Parse_LegacyOnlyFields_AreAccepted()
    {
        var parsed = PodNetworksAnnotation.Parse("""{"default":{"ip_address":"10.244.1.3/24","mac_address":"0a:58:0a:f4:01:03","gateway_ip":"10.244.1.1"}}""");
        Assert.True(parsed.IsSuccess, parsed.Error?.Message);
        Assert.Equal("10.244.1.3/24", parsed.Value["default"].IpAddresses.Single().ToString());
        Assert.Equal("10.244.1.1", parsed.Value["default"].GatewayIps.Single().ToString());
        Assert.Equal(PodNetworkRole.Unspecified, parsed.Value["default"].Role);
    }

    public static TheoryData<string, string?, string> Malformed => new()
    {
        { "null value", null, "empty" },
        { "not json", "{oops", "invalid JSON" },
        { "json null", "null", "JSON null" },
        { "array instead of map", "[]", "invalid JSON" },
        { "no ips", """{"default":{"mac_address":"0a:58:0a:f4:01:03"}}""", "no ip_addresses" },
        { "ip without prefix", """{"default":{"ip_addresses":["10.244.1.3"],"mac_address":"0a:58:0a:f4:01:03"}}""", "ip_addresses entry '10.244.1.3'" },
        { "bad mac", """{"default":{"ip_addresses":["10.244.1.3/24"],"mac_address":"0a:58"}}""", "mac_address '0a:58'" },
        { "bad gateway", """{"default":{"ip_addresses":["10.244.1.3/24"],"mac_address":"0a:58:0a:f4:01:03","gateway_ips":["x"]}}""", "gateway_ips entry 'x'" },
        { "route dest with host bits", """{"default":{"ip_addresses":["10.244.1.3/24"],"mac_address":"0a:58:0a:f4:01:03","routes":[{"dest":"10.244.1.3/16","nextHop":"10.244.1.1"}]}}""", "route dest" },
        { "unknown role", """{"default":{"ip_addresses":["10.244.1.3/24"],"mac_address":"0a:58:0a:f4:01:03","role":"boss"}}""", "role 'boss'" },
        { "ip list of numbers", """{"default":{"ip_addresses":[1],"mac_address":"0a:58:0a:f4:01:03"}}""", "invalid JSON" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Parse_Malformed_ReturnsErrorNamingTheAnnotationAndTheField(string name, string? value, string problem)
    {
        Assert.NotEmpty(name);
        var parsed = PodNetworksAnnotation.Parse(value);
        Assert.False(parsed.IsSuccess);
        Assert.Equal(AnnotationKeys.PodNetworks, parsed.Error.Annotation);
        Assert.Contains(problem, parsed.Error.Problem, StringComparison.Ordinal);
        Assert.Contains("k8s.ovn.org/pod-networks", parsed.Error.Message, StringComparison.Ordinal);
    }
}
