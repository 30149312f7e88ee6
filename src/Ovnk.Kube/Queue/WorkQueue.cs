using System.Threading.Channels;

namespace Ovnk.Kube.Queue;

/// <summary>
/// A keyed, deduplicating work queue with N workers (client-go <c>workqueue</c> semantics): a key queued twice is
/// reconciled once; a key added while it is being reconciled is reconciled again afterwards, never concurrently;
/// a failing key is retried with per-key exponential backoff up to <see cref="WorkQueueOptions.MaxRetries"/>, then
/// handed to <see cref="IWorkQueueHooks{TKey}.OnGiveUpAsync"/>. Memory is bounded by the number of distinct keys.
/// </summary>
public sealed partial class WorkQueue<TKey> : IAsyncDisposable
    where TKey : notnull
{
    private readonly Func<TKey, CancellationToken, Task> _reconcile;
    private readonly WorkQueueOptions _options;
    private readonly IWorkQueueHooks<TKey>? _hooks;
    private readonly Lock _lock = new();
    private readonly HashSet<TKey> _queued = [];
    private readonly HashSet<TKey> _processing = [];
    private readonly HashSet<TKey> _dirty = [];
    private readonly Dictionary<TKey, int> _failures = [];
    private readonly Channel<TKey> _ready = Channel.CreateUnbounded<TKey>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly DelayedKeys<TKey> _delayed;
    private readonly CancellationTokenSource _stop = new();
    private Task[] _tasks = [];

    /// <summary>A queue calling <paramref name="reconcile"/> for each key.</summary>
    public WorkQueue(Func<TKey, CancellationToken, Task> reconcile, WorkQueueOptions? options = null, IWorkQueueHooks<TKey>? hooks = null)
    {
        _reconcile = reconcile;
        _options = options ?? new WorkQueueOptions();
        _hooks = hooks;
        _delayed = new DelayedKeys<TKey>(Add);
    }

    /// <summary>Keys waiting to be reconciled (the work-queue depth metric).</summary>
    public int Depth { get { lock (_lock) return _queued.Count; } }

    /// <summary>Keys waiting or being reconciled right now (quiet means 0; <see cref="Depth"/> excludes the latter).</summary>
    public int Pending { get { lock (_lock) return _queued.Count + _processing.Count; } }

    /// <summary>Total retries scheduled.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Total keys given up after the last retry.</summary>
    public long GiveUps => Interlocked.Read(ref _giveUps);

    private long _retries;
    private long _giveUps;

    /// <summary>Queues <paramref name="key"/> unless it is already queued (coalescing).</summary>
    public void Add(TKey key)
    {
        lock (_lock)
        {
            if (_queued.Contains(key)) return;
            if (_processing.Contains(key))
            {
                _dirty.Add(key);
                return;
            }
            _queued.Add(key);
            _ready.Writer.TryWrite(key);
        }
    }

    /// <summary>
    /// Queues <paramref name="key"/> after <paramref name="delay"/> (client-go <c>AddAfter</c>); every call within the
    /// delay coalesces into one reconcile at the earliest due time, so a key touched by many changes in a burst is
    /// reconciled once per window instead of once per change.
    /// </summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero) Add(key);
        else _delayed.Schedule(key, delay);
    }

    /// <summary>Starts the workers and the delay loop; they run until <see cref="DisposeAsync"/>.</summary>
    public void Start()
    {
        if (_tasks.Length > 0) throw new InvalidOperationException("the work queue is already started.");
        _tasks = [.. Enumerable.Range(0, _options.Workers).Select(_ => WorkerAsync(_stop.Token)), _delayed.RunAsync(_stop.Token)];
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _ready.Writer.TryComplete();
        try { await Task.WhenAll(_tasks).ConfigureAwait(false); }
        catch (OperationCanceledException) { /* stopping is the point */ }
        _stop.Dispose();
    }
}
