using Ovnk.Model.Annotations;
using Ovnk.Model.Naming;

namespace Ovnk.Node.Pods;

/// <summary>One pod interface being wired: who it is for, where it goes, and the controller's addressing for it.</summary>
public sealed record PodAttachment(
    string PodNamespace,
    string PodName,
    string PodUid,
    string ContainerId,
    string NetNs,
    string IfName,
    PodNetwork Network)
{
    /// <summary>The OVS iface-id = the pod's LSP name, <c>&lt;ns&gt;_&lt;pod&gt;</c>.</summary>
    public string IfaceId => OvnNames.PodPort(PodNamespace, PodName);

    public string HostVeth => HostVethName.For(ContainerId);
}
