namespace Ovnk.Kube.Queue;

/// <summary>
/// Keys waiting for their retry time, released by one owned loop (no timer per key, no fire-and-forget). A key
/// scheduled twice keeps the earlier time.
/// </summary>
internal sealed class DelayedKeys<TKey>
    where TKey : notnull
{
    private readonly Action<TKey> _release;
    private readonly Lock _lock = new();
    private readonly Dictionary<TKey, DateTime> _due = [];
    private readonly SemaphoreSlim _changed = new(0);

    public DelayedKeys(Action<TKey> release) => _release = release;

    public void Schedule(TKey key, TimeSpan delay)
    {
        var at = DateTime.UtcNow + delay;
        lock (_lock)
        {
            if (_due.TryGetValue(key, out var existing) && existing <= at) return;
            _due[key] = at;
        }
        _changed.Release();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = ReleaseDue();
            try
            {
                await _changed.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Releases every due key; returns how long until the next one (infinite when none).</summary>
    private TimeSpan ReleaseDue()
    {
        var now = DateTime.UtcNow;
        List<TKey> due;
        TimeSpan wait;
        lock (_lock)
        {
            due = [.. _due.Where(kv => kv.Value <= now).Select(kv => kv.Key)];
            foreach (var key in due) _due.Remove(key);
            wait = _due.Count == 0 ? Timeout.InfiniteTimeSpan : _due.Values.Min() - now;
        }
        foreach (var key in due) _release(key);
        return wait;
    }
}
