namespace Ovnk.Model.Annotations;

/// <summary>Every Kubernetes annotation key Ovnk reads or writes (upstream §3; <c>pkg/util/node_annotations.go</c>).</summary>
public static class AnnotationKeys
{
    /// <summary>Pod: per-network IPs, MAC, gateways, routes (written by the controller; the CNI waits for it).</summary>
    public const string PodNetworks = "k8s.ovn.org/pod-networks";

    /// <summary>Node: per-network subnets (cluster-manager).</summary>
    public const string NodeSubnets = "k8s.ovn.org/node-subnets";

    /// <summary>Node: the node ID (cluster-manager).</summary>
    public const string NodeId = "k8s.ovn.org/node-id";

    /// <summary>Node: the GR join address; upstream 2024 wrote it, master derives it from the node ID. We write it for readers of either.</summary>
    public const string NodeGatewayRouterLrpIfAddr = "k8s.ovn.org/node-gateway-router-lrp-ifaddr";

    /// <summary>Node: gateway configuration (node agent).</summary>
    public const string L3GatewayConfig = "k8s.ovn.org/l3-gateway-config";

    /// <summary>Node: the OVS system-id = OVN chassis name (node agent).</summary>
    public const string NodeChassisId = "k8s.ovn.org/node-chassis-id";

    /// <summary>Node: per-network management port MACs (node agent).</summary>
    public const string NodeMgmtPortMacAddresses = "k8s.ovn.org/node-mgmt-port-mac-addresses";

    /// <summary>Node: the older single management port MAC, still accepted when the per-network form is absent.</summary>
    public const string NodeMgmtPortMacAddress = "k8s.ovn.org/node-mgmt-port-mac-address";

    /// <summary>Node: every host address (node agent).</summary>
    public const string HostCidrs = "k8s.ovn.org/host-cidrs";

    /// <summary>Node: the primary interface addresses (node agent).</summary>
    public const string NodePrimaryIfAddr = "k8s.ovn.org/node-primary-ifaddr";

    /// <summary>The key of the default network in per-network maps.</summary>
    public const string DefaultNetwork = "default";
}
