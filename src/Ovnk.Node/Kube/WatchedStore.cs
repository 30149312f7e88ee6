using k8s;
using k8s.Models;
using Ovnk.Kube.Informers;

namespace Ovnk.Node.Kube;

/// <summary>An informer plus a change signal: <see cref="WaitForAsync"/> re-checks the store on every event.</summary>
public sealed class WatchedStore<T, TList> : IAsyncDisposable
    where T : class, IKubernetesObject<V1ObjectMeta>
    where TList : IItems<T>, IKubernetesObject<V1ListMeta>
{
    private readonly ChangeSignal signal = new();
    private readonly Informer<T, TList> informer;

    public WatchedStore(ResourceAdapter<T, TList> adapter)
    {
        informer = new Informer<T, TList>(adapter);
        informer.AddHandler(new SignalHandler<T>(signal));
    }

    public bool HasSynced => informer.HasSynced;

    public T? Get(string key) => informer.Store.Get(key);

    public IReadOnlyList<T> List() => informer.Store.List();

    /// <summary>Completes at the next informer event.</summary>
    public Task Changed => signal.Next;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        informer.Start();
        await informer.WaitForSyncAsync(cancellationToken);
    }

    /// <summary>Waits until <paramref name="select"/> returns a value for the object at <paramref name="key"/> (the object may be absent).</summary>
    public async Task<TResult> WaitForAsync<TResult>(string key, Func<T?, TResult?> select, CancellationToken cancellationToken)
        where TResult : class
    {
        while (true)
        {
            var next = signal.Next;
            if (select(informer.Store.Get(key)) is { } result) return result;
            await next.WaitAsync(cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => informer.DisposeAsync();
}
