namespace Ovnk.Kube.Queue;

/// <summary>Observes a work queue: the controller turns a give-up into a Kubernetes Event and a metric.</summary>
public interface IWorkQueueHooks<in TKey>
{
    /// <summary>A reconcile failed and will be retried after <paramref name="delay"/>.</summary>
    void OnRetry(TKey key, int attempt, TimeSpan delay, Exception error);

    /// <summary>The last retry failed; the key is dropped until something adds it again.</summary>
    Task OnGiveUpAsync(TKey key, int attempts, Exception error, CancellationToken cancellationToken);
}
