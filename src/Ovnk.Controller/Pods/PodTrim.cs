using k8s.Models;

namespace Ovnk.Controller.Pods;

/// <summary>
/// The pod informer's transform: the controller keeps only what it reads of a pod (identity, labels, Ovnk's
/// <c>k8s.ovn.org/</c> annotations, node, hostNetwork, phase, deletion), not managedFields, container specs, other
/// annotations (kubectl's last-applied-configuration alone can be kilobytes) or status conditions. Upstream keeps
/// full pods in its informer cache; at 5,000 pods the difference is most of the controller's heap.
/// </summary>
public static class PodTrim
{
    private const string OvnAnnotationPrefix = "k8s.ovn.org/";

    /// <summary>A trimmed copy of <paramref name="pod"/> (the argument is not changed).</summary>
    public static V1Pod Trim(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var m = pod.Metadata;
        return new V1Pod
        {
            ApiVersion = pod.ApiVersion,
            Kind = pod.Kind,
            Metadata = m is null ? null : new V1ObjectMeta
            {
                Name = m.Name,
                NamespaceProperty = m.NamespaceProperty,
                Uid = m.Uid,
                ResourceVersion = m.ResourceVersion,
                DeletionTimestamp = m.DeletionTimestamp,
                Labels = m.Labels,
                Annotations = OvnAnnotations(m.Annotations),
            },
            Spec = pod.Spec is null ? null : new V1PodSpec { NodeName = pod.Spec.NodeName, HostNetwork = pod.Spec.HostNetwork, Containers = [] },
            Status = pod.Status is null ? null : new V1PodStatus { Phase = pod.Status.Phase },
        };
    }

    private static Dictionary<string, string>? OvnAnnotations(IDictionary<string, string>? annotations)
    {
        if (annotations is null) return null;
        Dictionary<string, string>? kept = null;
        foreach (var (key, value) in annotations)
        {
            if (!key.StartsWith(OvnAnnotationPrefix, StringComparison.Ordinal)) continue;
            (kept ??= new(StringComparer.Ordinal))[key] = value;
        }
        return kept;
    }
}
