using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ovnk.Kube.Informers;

/// <summary>
/// A store kept current by a <see cref="Reflector{T,TList}"/>, with add/update/delete sent to handlers. Events
/// are applied once: a duplicate or stale event (resourceVersion not newer than the cached object) is dropped, and a
/// relist replaces the store, emitting only the differences.
/// </summary>
public sealed partial class Informer<T, TList> : IAsyncDisposable
    where T : class, IKubernetesObject<V1ObjectMeta>
    where TList : IItems<T>, IKubernetesObject<V1ListMeta>
{
    private readonly List<IResourceEventHandler<T>> _handlers = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Reflector<T, TList> _reflector;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    /// <summary>An informer over <paramref name="adapter"/> with the given indexes.</summary>
    public Informer(ResourceAdapter<T, TList> adapter, IReadOnlyDictionary<string, Func<T, IEnumerable<string>>>? indexers = null,
        ReflectorOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        Store = new Store<T>(indexers);
        _logger = logger ?? NullLogger.Instance;
        _reflector = new Reflector<T, TList>(adapter, this, options ?? new ReflectorOptions(), _logger);
        Resource = adapter.Resource;
    }

    /// <summary>The cache.</summary>
    public Store<T> Store { get; }

    /// <summary>
    /// Applied to every listed and watched object before it is stored and handed to handlers (client-go's
    /// <c>SetTransform</c>): drop what the consumer never reads (managedFields, container specs, status conditions)
    /// so the cache holds a trimmed copy, not the full object. It must keep the metadata's name, namespace and
    /// resourceVersion, and must not mutate its argument.
    /// </summary>
    public Func<T, T>? Transform { get; init; }

    /// <summary>The resource name.</summary>
    public string Resource { get; }

    /// <summary>True after the first list has been applied.</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>How many lists replaced the store (1 + relists); for tests and metrics.</summary>
    public int ListCount { get; private set; }

    /// <summary>How many watch events were dropped as duplicates or stale.</summary>
    public int DuplicatesDropped { get; private set; }

    /// <summary>Adds a handler; call before <see cref="Start"/>.</summary>
    public void AddHandler(IResourceEventHandler<T> handler)
    {
        if (_run is not null) throw new InvalidOperationException("add handlers before Start: a late handler would miss the initial list.");
        _handlers.Add(handler);
    }

    /// <summary>Starts the owned list/watch loop; it runs until <see cref="DisposeAsync"/>.</summary>
    public void Start()
    {
        if (_run is not null) throw new InvalidOperationException("the informer is already started.");
        _run = _reflector.RunAsync(_stop.Token);
    }

    /// <summary>Completes when the first list is in the store.</summary>
    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_run is not null)
        {
            try { await _run.ConfigureAwait(false); }
            catch (OperationCanceledException) { /* stopping is the point */ }
        }
        _stop.Dispose();
    }
}
