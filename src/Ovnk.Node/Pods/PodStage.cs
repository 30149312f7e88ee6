namespace Ovnk.Node.Pods;

/// <summary>Where an ADD can get stuck; a timeout names the stage (upstream's most common complaint, #3115).</summary>
public enum PodStage
{
    /// <summary>Waiting for the controller's k8s.ovn.org/pod-networks annotation.</summary>
    Annotation,

    /// <summary>Waiting for ovs-vswitchd to open the port (ofport).</summary>
    Port,

    /// <summary>Waiting for ovn-controller to bind the port and install its flows (ovn-installed=true).</summary>
    Binding,
}
