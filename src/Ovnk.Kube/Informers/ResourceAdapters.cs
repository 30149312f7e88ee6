using k8s;
using k8s.Models;

namespace Ovnk.Kube.Informers;

/// <summary>The adapters for the resources Ovnk watches (cluster-wide).</summary>
public static class ResourceAdapters
{
    /// <summary>Pods in every namespace.</summary>
    public static ResourceAdapter<V1Pod, V1PodList> Pods(IKubernetes client) => new("pods",
        ct => client.CoreV1.ListPodForAllNamespacesWithHttpMessagesAsync(cancellationToken: ct),
        (r, ct) => client.CoreV1.WatchListPodForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: r.ResourceVersion,
            timeoutSeconds: r.TimeoutSeconds, onError: r.OnError, cancellationToken: ct));

    /// <summary>Nodes.</summary>
    public static ResourceAdapter<V1Node, V1NodeList> Nodes(IKubernetes client) => new("nodes",
        ct => client.CoreV1.ListNodeWithHttpMessagesAsync(cancellationToken: ct),
        (r, ct) => client.CoreV1.WatchListNodeAsync(allowWatchBookmarks: true, resourceVersion: r.ResourceVersion,
            timeoutSeconds: r.TimeoutSeconds, onError: r.OnError, cancellationToken: ct));

    /// <summary>Namespaces.</summary>
    public static ResourceAdapter<V1Namespace, V1NamespaceList> Namespaces(IKubernetes client) => new("namespaces",
        ct => client.CoreV1.ListNamespaceWithHttpMessagesAsync(cancellationToken: ct),
        (r, ct) => client.CoreV1.WatchListNamespaceAsync(allowWatchBookmarks: true, resourceVersion: r.ResourceVersion,
            timeoutSeconds: r.TimeoutSeconds, onError: r.OnError, cancellationToken: ct));

    /// <summary>Services in every namespace.</summary>
    public static ResourceAdapter<V1Service, V1ServiceList> Services(IKubernetes client) => new("services",
        ct => client.CoreV1.ListServiceForAllNamespacesWithHttpMessagesAsync(cancellationToken: ct),
        (r, ct) => client.CoreV1.WatchListServiceForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: r.ResourceVersion,
            timeoutSeconds: r.TimeoutSeconds, onError: r.OnError, cancellationToken: ct));

    /// <summary>EndpointSlices in every namespace.</summary>
    public static ResourceAdapter<V1EndpointSlice, V1EndpointSliceList> EndpointSlices(IKubernetes client) => new("endpointslices",
        ct => client.DiscoveryV1.ListEndpointSliceForAllNamespacesWithHttpMessagesAsync(cancellationToken: ct),
        (r, ct) => client.DiscoveryV1.WatchListEndpointSliceForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: r.ResourceVersion,
            timeoutSeconds: r.TimeoutSeconds, onError: r.OnError, cancellationToken: ct));
}
