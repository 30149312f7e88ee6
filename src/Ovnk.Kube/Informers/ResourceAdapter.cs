using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Ovnk.Kube.Informers;

/// <summary>
/// How to list and watch one resource type with KubernetesClient's generated calls; the reflector is generic over
/// this. <see cref="ResourceAdapters"/> has one per resource Ovnk watches.
/// </summary>
public sealed class ResourceAdapter<T, TList>
    where T : class, IKubernetesObject<V1ObjectMeta>
    where TList : IItems<T>, IKubernetesObject<V1ListMeta>
{
    private readonly Func<CancellationToken, Task<HttpOperationResponse<TList>>> _list;
    private readonly Func<WatchRequest, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> _watch;

    /// <summary>An adapter named <paramref name="resource"/> (for logs) over generated list and watch calls.</summary>
    public ResourceAdapter(string resource, Func<CancellationToken, Task<HttpOperationResponse<TList>>> list,
        Func<WatchRequest, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> watch)
    {
        Resource = resource;
        _list = list;
        _watch = watch;
    }

    /// <summary>The resource name, e.g. <c>pods</c>.</summary>
    public string Resource { get; }

    /// <summary>Lists the current state.</summary>
    public Task<HttpOperationResponse<TList>> ListAsync(CancellationToken cancellationToken) => _list(cancellationToken);

    /// <summary>Opens a watch stream. ERROR events (a Status object, e.g. 410) go to <see cref="WatchRequest.OnError"/>.</summary>
    public IAsyncEnumerable<(WatchEventType, T)> WatchAsync(WatchRequest request, CancellationToken cancellationToken) =>
        _watch(request, cancellationToken);
}
