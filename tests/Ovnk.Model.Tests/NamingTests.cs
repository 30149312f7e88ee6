using Ovnk.Model.Naming;

namespace Ovnk.Model.Tests;

public class NamingTests
{
    [Theory]
    [InlineData("gateway router", "GR_ovn-worker")]
    [InlineData("external switch", "ext_ovn-worker")]
    [InlineData("rtos", "rtos-ovn-worker")]
    [InlineData("stor", "stor-ovn-worker")]
    [InlineData("rtoe", "rtoe-GR_ovn-worker")]
    [InlineData("etor", "etor-GR_ovn-worker")]
    [InlineData("rtoj of GR", "rtoj-GR_ovn-worker")]
    [InlineData("jtor of GR", "jtor-GR_ovn-worker")]
    [InlineData("localnet", "breth0_ovn-worker")]
    [InlineData("management", "k8s-ovn-worker")]
    public void NodeObjectNames_MatchUpstream(string name, string expected)
    {
        const string node = "ovn-worker";
        var actual = name switch
        {
            "gateway router" => OvnNames.GatewayRouter(node),
            "external switch" => OvnNames.ExternalSwitch(node),
            "rtos" => OvnNames.RouterToSwitchPort(node),
            "stor" => OvnNames.SwitchToRouterPort(node),
            "rtoe" => OvnNames.RouterToExternalPort(node),
            "etor" => OvnNames.ExternalToRouterPort(node),
            "rtoj of GR" => OvnNames.RouterToJoinPort(OvnNames.GatewayRouter(node)),
            "jtor of GR" => OvnNames.JoinToRouterPort(OvnNames.GatewayRouter(node)),
            "localnet" => OvnNames.LocalnetPort(node),
            _ => OvnNames.ManagementPort(node),
        };
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ClusterLevelNames_AndPodPort_MatchUpstream()
    {
        Assert.Equal("rtoj-ovn_cluster_router", OvnNames.RouterToJoinPort(OvnNames.ClusterRouter));
        Assert.Equal("join", OvnNames.JoinSwitch);
        Assert.Equal("default_web-1", OvnNames.PodPort("default", "web-1"));
        Assert.Equal("default-network-controller:Namespace:default:v4",
            ExternalIdKeys.MakePrimaryId(ExternalIdKeys.OwnerTypes.Namespace, "default", "v4"));
    }
}
