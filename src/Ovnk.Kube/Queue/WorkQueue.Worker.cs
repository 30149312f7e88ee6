namespace Ovnk.Kube.Queue;

/// <content>The worker loop: one key at a time, retries with backoff, give-up hook.</content>
public sealed partial class WorkQueue<TKey>
{
    private async Task WorkerAsync(CancellationToken cancellationToken)
    {
        await foreach (var key in _ready.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            lock (_lock)
            {
                _queued.Remove(key);
                _processing.Add(key);
            }
            try
            {
                await _reconcile(key, cancellationToken).ConfigureAwait(false);
                lock (_lock) _failures.Remove(key);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A reconcile failure is data for the retry policy, not a reason to stop the worker.
            catch (Exception e)
#pragma warning restore CA1031
            {
                await FailedAsync(key, e, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Done(key);
            }
        }
    }

    private async Task FailedAsync(TKey key, Exception error, CancellationToken cancellationToken)
    {
        int attempt;
        lock (_lock) attempt = _failures[key] = _failures.GetValueOrDefault(key) + 1;
        if (attempt > _options.MaxRetries)
        {
            lock (_lock) _failures.Remove(key);
            Interlocked.Increment(ref _giveUps);
            if (_hooks is not null) await _hooks.OnGiveUpAsync(key, attempt, error, cancellationToken).ConfigureAwait(false);
            return;
        }
        var delay = Backoff(attempt);
        Interlocked.Increment(ref _retries);
        _hooks?.OnRetry(key, attempt, delay, error);
        _delayed.Schedule(key, delay);
    }

    private void Done(TKey key)
    {
        lock (_lock)
        {
            _processing.Remove(key);
            if (!_dirty.Remove(key) || !_queued.Add(key)) return;
            _ready.Writer.TryWrite(key);
        }
    }

    /// <summary>BaseDelay × 2^(attempt−1), capped at MaxDelay (client-go ItemExponentialFailureRateLimiter).</summary>
    internal TimeSpan Backoff(int attempt)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var ticks = Math.Min((double)_options.BaseDelay.Ticks * Math.Pow(2, exponent), _options.MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
