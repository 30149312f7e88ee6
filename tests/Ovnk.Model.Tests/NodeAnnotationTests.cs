using System.Net;
using Ovnk.Model.Addressing;
using Ovnk.Model.Annotations;

namespace Ovnk.Model.Tests;

public class NodeAnnotationTests
{
    private const string L3Upstream =
        """{"default":{"mode":"shared","bridge-id":"breth0","interface-id":"breth0_ovn-worker","mac-address":"02:42:ac:12:00:03","ip-addresses":["172.18.0.3/16"],"ip-address":"172.18.0.3/16","next-hops":["172.18.0.1"],"next-hop":"172.18.0.1","node-port-enable":"true","vlan-id":"0"}}""";

    [Fact]
    public void L3GatewayConfig_UpstreamExample_RoundTripsExactly()
    {
        var parsed = L3GatewayConfigAnnotation.Parse(L3Upstream);
        Assert.True(parsed.IsSuccess, parsed.Error?.Message);
        Assert.Equal(GatewayMode.Shared, parsed.Value.Mode);
        Assert.Equal("172.18.0.1", parsed.Value.NextHops.Single().ToString());
        Assert.Equal("02:42:ac:12:00:03", parsed.Value.Mac.ToString());
        Assert.Equal(L3Upstream, L3GatewayConfigAnnotation.Format(parsed.Value));
    }

    [Fact]
    public void L3GatewayConfig_Disabled_IsJustTheMode()
    {
        Assert.Equal("""{"default":{"mode":"disabled"}}""", L3GatewayConfigAnnotation.Format(L3GatewayConfig.DisabledConfig));
        Assert.Equal(GatewayMode.Disabled, L3GatewayConfigAnnotation.Parse("""{"default":{"mode":"disabled"}}""").Value!.Mode);
    }

    public static TheoryData<string, string, string?, string> Malformed => new()
    {
        { "l3: no default entry", AnnotationKeys.L3GatewayConfig, """{"blue":{"mode":"shared"}}""", "no 'default' entry" },
        { "l3: unknown mode", AnnotationKeys.L3GatewayConfig, """{"default":{"mode":"fancy"}}""", "mode 'fancy'" },
        { "l3: node without an IP", AnnotationKeys.L3GatewayConfig, """{"default":{"mode":"shared","mac-address":"02:42:ac:12:00:03"}}""", "node has no IP" },
        { "l3: bad vlan", AnnotationKeys.L3GatewayConfig, """{"default":{"mode":"shared","mac-address":"02:42:ac:12:00:03","ip-addresses":["172.18.0.3/16"],"vlan-id":"5000"}}""", "vlan-id '5000'" },
        { "subnets: not a cidr", AnnotationKeys.NodeSubnets, """{"default":["10.244.1.0"]}""", "subnet '10.244.1.0'" },
        { "subnets: empty list", AnnotationKeys.NodeSubnets, """{"default":[]}""", "non-empty list" },
        { "subnets: number", AnnotationKeys.NodeSubnets, """{"default":5}""", "non-empty list" },
        { "node-id: negative", AnnotationKeys.NodeId, "-3", "'-3'" },
        { "node-id: words", AnnotationKeys.NodeId, "three", "'three'" },
        { "lrp-ifaddr: empty object", AnnotationKeys.NodeGatewayRouterLrpIfAddr, "{}", "neither ipv4 nor ipv6" },
        { "lrp-ifaddr: v6 in ipv4", AnnotationKeys.NodeGatewayRouterLrpIfAddr, """{"ipv4":"fd98::3/64"}""", "wrong address family" },
        { "primary-ifaddr: no prefix", AnnotationKeys.NodePrimaryIfAddr, """{"ipv4":"172.18.0.3"}""", "ipv4 '172.18.0.3'" },
        { "host-cidrs: not a list", AnnotationKeys.HostCidrs, """{"a":1}""", "invalid JSON" },
        { "host-cidrs: bad entry", AnnotationKeys.HostCidrs, """["172.18.0.3/16","x"]""", "entry 'x'" },
        { "chassis: whitespace", AnnotationKeys.NodeChassisId, "a b", "'a b'" },
        { "chassis: empty", AnnotationKeys.NodeChassisId, "", "''" },
        { "mgmt mac: bad", AnnotationKeys.NodeMgmtPortMacAddresses, """{"default":"ca:53"}""", "'ca:53'" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Parse_Malformed_ReturnsErrorNamingTheAnnotation(string name, string key, string? value, string problem)
    {
        Assert.NotEmpty(name);
        var error = key switch
        {
            AnnotationKeys.L3GatewayConfig => L3GatewayConfigAnnotation.Parse(value).Error,
            AnnotationKeys.NodeSubnets => NodeSubnetsAnnotation.Parse(value).Error,
            AnnotationKeys.NodeId => NodeIdAnnotation.Parse(value).Error,
            AnnotationKeys.NodeGatewayRouterLrpIfAddr => NodeGatewayRouterLrpIfAddrAnnotation.Parse(value).Error,
            AnnotationKeys.NodePrimaryIfAddr => NodePrimaryIfAddrAnnotation.Parse(value).Error,
            AnnotationKeys.HostCidrs => HostCidrsAnnotation.Parse(value).Error,
            AnnotationKeys.NodeChassisId => NodeChassisIdAnnotation.Parse(value).Error,
            AnnotationKeys.NodeMgmtPortMacAddresses => NodeMgmtPortMacAnnotation.Parse(value).Error,
            _ => throw new ArgumentOutOfRangeException(nameof(key)),
        };
        Assert.NotNull(error);
        Assert.Equal(key, error.Annotation);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("list form", """{"default":["10.244.1.0/24"]}""", """{"default":["10.244.1.0/24"]}""")]
    [InlineData("bare string is accepted, written as a list", """{"default":"10.244.1.0/24"}""", """{"default":["10.244.1.0/24"]}""")]
    [InlineData("keys written in byte order", """{"z":["10.1.0.0/24"],"default":["10.244.1.0/24"]}""", """{"default":["10.244.1.0/24"],"z":["10.1.0.0/24"]}""")]
    public void NodeSubnets_ParseThenFormat(string name, string value, string expected)
    {
        Assert.NotEmpty(name);
        var parsed = NodeSubnetsAnnotation.Parse(value);
        Assert.True(parsed.IsSuccess, parsed.Error?.Message);
        Assert.Equal(expected, NodeSubnetsAnnotation.Format(parsed.Value));
    }

    [Fact]
    public void SmallNodeAnnotations_RoundTrip()
    {
        Assert.Equal("3", NodeIdAnnotation.Format(NodeIdAnnotation.Parse("3").Value));
        InterfaceAddress.TryParse("100.64.0.3/16", out var join);
        Assert.Equal("""{"ipv4":"100.64.0.3/16"}""", NodeGatewayRouterLrpIfAddrAnnotation.Format(new DualStackAddress(join, null)));
        const string primary = """{"ipv4":"172.18.0.3/16","ipv6":"fc00:f853:ccd:e793::3/64"}""";
        Assert.Equal(primary, NodePrimaryIfAddrAnnotation.Format(NodePrimaryIfAddrAnnotation.Parse(primary).Value!));
        const string hosts = """["172.18.0.3/16","fc00:f853:ccd:e793::3/64"]""";
        Assert.Equal(hosts, HostCidrsAnnotation.Format(HostCidrsAnnotation.Parse(hosts).Value!));
        const string macs = """{"default":"ca:53:88:23:bc:98"}""";
        Assert.Equal(macs, NodeMgmtPortMacAnnotation.Format(NodeMgmtPortMacAnnotation.Parse(macs).Value!));
        Assert.Equal("b1f96182-2bdd-42b6-88f9-9a1fc1c85ece", NodeChassisIdAnnotation.Parse("b1f96182-2bdd-42b6-88f9-9a1fc1c85ece").Value);
    }

    [Theory]
    [InlineData("per-network key wins", """{"default":"ca:53:88:23:bc:98"}""", "aa:aa:aa:aa:aa:aa", "ca:53:88:23:bc:98")]
    [InlineData("legacy key alone", null, "aa:aa:aa:aa:aa:aa", "aa:aa:aa:aa:aa:aa")]
    public void MgmtPortMac_FromAnnotations(string name, string? perNetwork, string legacy, string expected)
    {
        Assert.NotEmpty(name);
        var annotations = new Dictionary<string, string> { [AnnotationKeys.NodeMgmtPortMacAddress] = legacy };
        if (perNetwork is not null) annotations[AnnotationKeys.NodeMgmtPortMacAddresses] = perNetwork;
        Assert.Equal(expected, NodeMgmtPortMacAnnotation.FromAnnotations(annotations).Value.ToString());
        Assert.False(NodeMgmtPortMacAnnotation.FromAnnotations(new Dictionary<string, string>()).IsSuccess);
    }
}
