namespace Ovnk.Model.Annotations;

/// <summary>The <c>mode</c> of <c>k8s.ovn.org/l3-gateway-config</c>.</summary>
public enum GatewayMode
{
    /// <summary><c>disabled</c>: no gateway on this node; the other fields are absent.</summary>
    Disabled,

    /// <summary><c>shared</c>: the node IP lives on breth0, shared by host and OVN (the default).</summary>
    Shared,

    /// <summary><c>local</c>: egress goes through the host via the management port.</summary>
    Local,
}
