using k8s;
using k8s.Models;
using Ovnk.Kube.Informers;

namespace Ovnk.Node.Kube;

/// <summary>The node agent's narrow watches: its own Node object, and the pods scheduled to it (as upstream's node informers).</summary>
public static class KubeAdapters
{
    /// <summary>The node named <paramref name="node"/> (field selector metadata.name).</summary>
    public static ResourceAdapter<V1Node, V1NodeList> Node(IKubernetes client, string node)
    {
        ArgumentNullException.ThrowIfNull(client);
        var selector = "metadata.name=" + node;
        return new("nodes",
            ct => client.CoreV1.ListNodeWithHttpMessagesAsync(fieldSelector: selector, cancellationToken: ct),
            (r, ct) => client.CoreV1.WatchListNodeAsync(fieldSelector: selector, allowWatchBookmarks: true, resourceVersion: r.ResourceVersion,
                timeoutSeconds: r.TimeoutSeconds, onError: r.OnError, cancellationToken: ct));
    }

    /// <summary>Pods whose spec.nodeName is <paramref name="node"/>.</summary>
    public static ResourceAdapter<V1Pod, V1PodList> PodsOnNode(IKubernetes client, string node)
    {
        ArgumentNullException.ThrowIfNull(client);
        var selector = "spec.nodeName=" + node;
        return new("pods",
            ct => client.CoreV1.ListPodForAllNamespacesWithHttpMessagesAsync(fieldSelector: selector, cancellationToken: ct),
            (r, ct) => client.CoreV1.WatchListPodForAllNamespacesAsync(fieldSelector: selector, allowWatchBookmarks: true, resourceVersion: r.ResourceVersion,
                timeoutSeconds: r.TimeoutSeconds, onError: r.OnError, cancellationToken: ct));
    }
}
