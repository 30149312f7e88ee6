namespace Ovnk.Model.Annotations;

/// <summary>The <c>role</c> of a pod-networks entry (upstream <c>types.NetworkRole*</c>).</summary>
public enum PodNetworkRole
{
    /// <summary>No role written (older annotations).</summary>
    Unspecified,

    /// <summary><c>primary</c>: the network that owns the default route.</summary>
    Primary,

    /// <summary><c>secondary</c>.</summary>
    Secondary,

    /// <summary><c>infrastructure-locked</c>: the default network of a pod on a primary UDN.</summary>
    InfrastructureLocked,
}
