using k8s;
using k8s.Models;

namespace Ovnk.Kube.Informers;

/// <summary>The standard index functions: by namespace, by label (<c>key=value</c>), by node for pods.</summary>
public static class Indexers
{
    /// <summary>Index name: the object's namespace.</summary>
    public const string Namespace = "namespace";

    /// <summary>Index name: every <c>key=value</c> label.</summary>
    public const string Label = "label";

    /// <summary>Index name: the node a pod is bound to (<c>spec.nodeName</c>).</summary>
    public const string NodeName = "nodeName";

    /// <summary>Indexes by namespace (cluster-scoped objects are not indexed).</summary>
    public static IEnumerable<string> ByNamespace<T>(T obj)
        where T : IMetadata<V1ObjectMeta> =>
        obj.Metadata?.NamespaceProperty is { Length: > 0 } ns ? [ns] : [];

    /// <summary>Indexes by each label as <c>key=value</c>.</summary>
    public static IEnumerable<string> ByLabel<T>(T obj)
        where T : IMetadata<V1ObjectMeta> =>
        obj.Metadata?.Labels?.Select(l => l.Key + "=" + l.Value) ?? [];

    /// <summary>Indexes pods by <c>spec.nodeName</c> (unscheduled pods are not indexed).</summary>
    public static IEnumerable<string> ByNodeName(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return pod.Spec?.NodeName is { Length: > 0 } node ? [node] : [];
    }
}
