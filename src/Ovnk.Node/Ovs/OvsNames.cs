namespace Ovnk.Node.Ovs;

/// <summary>The OVS bridge and port names the node agent owns (upstream's names, reference §5).</summary>
public static class OvsNames
{
    /// <summary>The integration bridge ovn-controller programs.</summary>
    public const string IntegrationBridge = "br-int";

    /// <summary>The shared-gateway bridge holding the uplink (<c>br&lt;uplink&gt;</c> upstream; always breth0 here).</summary>
    public const string GatewayBridge = Model.Naming.OvnNames.GatewayBridge;

    /// <summary>The management port: an internal port on br-int, the host's leg into the pod network.</summary>
    public const string ManagementPort = "ovn-k8s-mp0";
}
