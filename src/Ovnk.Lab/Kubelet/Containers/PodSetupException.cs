namespace Ovnk.Lab.Kubelet.Containers;

/// <summary>A pod cannot be set up (a missing ConfigMap, Secret, key …): the reason is kubelet's event reason.</summary>
public sealed class PodSetupException(string reason, string message) : Exception(message)
{
    /// <summary>E.g. FailedMount, CreateContainerConfigError.</summary>
    public string Reason { get; } = reason;
}
