namespace Ovnk.Model.Naming;

/// <summary>
/// Upstream's NB object names (<c>ovnk:go-controller/pkg/types/const.go</c>; reference §2.2), so that
/// <c>ovn-nbctl show</c> and upstream docs read the same. Default network only; other networks add a <c>&lt;net&gt;_</c>
/// prefix, to come.
/// </summary>
public static class OvnNames
{
    /// <summary>The distributed cluster router.</summary>
    public const string ClusterRouter = "ovn_cluster_router";

    /// <summary>The join switch linking the cluster router to every gateway router.</summary>
    public const string JoinSwitch = "join";

    /// <summary>Prefix of router ports towards a switch.</summary>
    public const string RouterToSwitchPrefix = "rtos-";

    /// <summary>Prefix of switch ports towards a router.</summary>
    public const string SwitchToRouterPrefix = "stor-";

    /// <summary>Prefix of router ports on the join switch.</summary>
    public const string RouterToJoinPrefix = "rtoj-";

    /// <summary>Prefix of join switch ports towards a router.</summary>
    public const string JoinToRouterPrefix = "jtor-";

    /// <summary>Prefix of gateway router ports on the external switch.</summary>
    public const string RouterToExternalPrefix = "rtoe-";

    /// <summary>Prefix of external switch ports towards the gateway router.</summary>
    public const string ExternalToRouterPrefix = "etor-";

    /// <summary>Prefix of gateway routers.</summary>
    public const string GatewayRouterPrefix = "GR_";

    /// <summary>Prefix of external switches.</summary>
    public const string ExternalSwitchPrefix = "ext_";

    /// <summary>Prefix of management port LSPs.</summary>
    public const string ManagementPortPrefix = "k8s-";

    /// <summary>The gateway bridge; the localnet port is named after it.</summary>
    public const string GatewayBridge = "breth0";

    /// <summary>The localnet <c>network_name</c> that ovn-bridge-mappings maps to breth0.</summary>
    public const string PhysicalNetworkName = "physnet";

    /// <summary>The node's logical switch: upstream names it after the node.</summary>
    public static string NodeSwitch(string node) => node;

    /// <summary><c>GR_&lt;node&gt;</c>.</summary>
    public static string GatewayRouter(string node) => GatewayRouterPrefix + node;

    /// <summary><c>ext_&lt;node&gt;</c>.</summary>
    public static string ExternalSwitch(string node) => ExternalSwitchPrefix + node;

    /// <summary><c>rtos-&lt;node&gt;</c>: the cluster router's port on the node switch (pod gateway .1).</summary>
    public static string RouterToSwitchPort(string node) => RouterToSwitchPrefix + node;

    /// <summary><c>stor-&lt;node&gt;</c>: the node switch's port to the cluster router.</summary>
    public static string SwitchToRouterPort(string node) => SwitchToRouterPrefix + node;

    /// <summary><c>rtoj-&lt;router&gt;</c>, e.g. <c>rtoj-ovn_cluster_router</c> or <c>rtoj-GR_&lt;node&gt;</c>.</summary>
    public static string RouterToJoinPort(string router) => RouterToJoinPrefix + router;

    /// <summary><c>jtor-&lt;router&gt;</c>.</summary>
    public static string JoinToRouterPort(string router) => JoinToRouterPrefix + router;

    /// <summary><c>rtoe-GR_&lt;node&gt;</c>.</summary>
    public static string RouterToExternalPort(string node) => RouterToExternalPrefix + GatewayRouter(node);

    /// <summary><c>etor-GR_&lt;node&gt;</c>.</summary>
    public static string ExternalToRouterPort(string node) => ExternalToRouterPrefix + GatewayRouter(node);

    /// <summary><c>breth0_&lt;node&gt;</c>: the localnet port on <c>ext_&lt;node&gt;</c>.</summary>
    public static string LocalnetPort(string node) => GatewayBridge + "_" + node;

    /// <summary><c>k8s-&lt;node&gt;</c>: the management port LSP (ovn-k8s-mp0 on the host).</summary>
    public static string ManagementPort(string node) => ManagementPortPrefix + node;

    /// <summary><c>&lt;namespace&gt;_&lt;pod&gt;</c>: a pod's LSP, also its OVS <c>iface-id</c>.</summary>
    public static string PodPort(string podNamespace, string pod) => podNamespace + "_" + pod;
}
