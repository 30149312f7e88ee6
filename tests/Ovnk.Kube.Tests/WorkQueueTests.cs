using System.Collections.Concurrent;
using Ovnk.Kube.Queue;

namespace Ovnk.Kube.Tests;

public sealed class WorkQueueTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private sealed class Hooks : IWorkQueueHooks<string>
    {
        public ConcurrentQueue<(string Key, int Attempt, TimeSpan Delay)> Retries { get; } = new();

        public ConcurrentQueue<(string Key, int Attempts, string Error)> GiveUps { get; } = new();

        public void OnRetry(string key, int attempt, TimeSpan delay, Exception error) => Retries.Enqueue((key, attempt, delay));

        public Task OnGiveUpAsync(string key, int attempts, Exception error, CancellationToken cancellationToken)
        {
            GiveUps.Enqueue((key, attempts, error.Message));
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task KeysAddedBeforeStart_AreCoalescedIntoOneReconcile()
    {
        var calls = new ConcurrentDictionary<string, int>();
        await using var q = new WorkQueue<string>((k, _) => { calls.AddOrUpdate(k, 1, (_, n) => n + 1); return Task.CompletedTask; });
        for (var i = 0; i < 10; i++) { q.Add("a"); q.Add("b"); }
        Assert.Equal(2, q.Depth);
        q.Start();
        await Eventually.TrueAsync(() => calls.Count == 2 && q.Depth == 0, Bound, "both keys reconciled");
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(1, calls["a"]);
        Assert.Equal(1, calls["b"]);
    }

    [Fact]
    public async Task AddAfter_ManyCallsWithinTheDelay_ReconcileOnceAfterIt()
    {
        var calls = 0;
        await using var q = new WorkQueue<string>((_, _) => { Interlocked.Increment(ref calls); return Task.CompletedTask; });
        q.Start();
        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 20; i++) q.AddAfter("ns", TimeSpan.FromMilliseconds(300));
        Assert.Equal(0, q.Depth); // waiting for its time, not queued yet
        await Eventually.TrueAsync(() => Volatile.Read(ref calls) == 1, Bound, "the delayed key reconciled");
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(250), $"reconciled after {started.Elapsed.TotalMilliseconds} ms, before its delay");
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Equal(1, calls);
        q.AddAfter("ns", TimeSpan.Zero); // no delay: queued at once
        await Eventually.TrueAsync(() => Volatile.Read(ref calls) == 2, Bound, "the undelayed key reconciled");
    }

    [Fact]
    public async Task KeyAddedDuringItsReconcile_RunsOnceMoreAfterwards_NeverConcurrently()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var concurrent = 0;
        var maxConcurrent = 0;
        await using var q = new WorkQueue<string>(async (_, ct) =>
        {
            var now = Interlocked.Increment(ref concurrent);
            maxConcurrent = Math.Max(maxConcurrent, now);
            if (Interlocked.Increment(ref calls) == 1) await release.Task.WaitAsync(ct);
            Interlocked.Decrement(ref concurrent);
        }, new WorkQueueOptions { Workers = 4 });
        q.Start();
        q.Add("a");
        await Eventually.TrueAsync(() => Volatile.Read(ref calls) == 1, Bound, "the first reconcile starts");
        for (var i = 0; i < 10; i++) q.Add("a");
        release.SetResult();
        await Eventually.TrueAsync(() => Volatile.Read(ref calls) == 2, Bound, "one more reconcile for the dirty key");
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(2, calls);
        Assert.Equal(1, maxConcurrent);
    }

    [Fact]
    public async Task DifferentKeys_RunInParallelAcrossWorkers()
    {
        var inFlight = 0;
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var q = new WorkQueue<string>(async (_, ct) =>
        {
            if (Interlocked.Increment(ref inFlight) == 2) both.TrySetResult();
            await both.Task.WaitAsync(ct);
        }, new WorkQueueOptions { Workers = 2 });
        q.Start();
        q.Add("a");
        q.Add("b");
        await both.Task.WaitAsync(Bound, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task FailingKey_BacksOffExponentially_ThenGivesUpThroughTheHook()
    {
        var hooks = new Hooks();
        var attempts = new ConcurrentQueue<DateTime>();
        await using var q = new WorkQueue<string>((_, _) =>
        {
            attempts.Enqueue(DateTime.UtcNow);
            throw new InvalidOperationException("NB is read-only");
        }, new WorkQueueOptions { BaseDelay = TimeSpan.FromMilliseconds(40), MaxDelay = TimeSpan.FromMilliseconds(120), MaxRetries = 3 }, hooks);
        q.Start();
        q.Add("pod/default/web");
        await Eventually.TrueAsync(() => !hooks.GiveUps.IsEmpty, Bound, "the key is given up");
        Assert.Equal([40, 80, 120], hooks.Retries.Select(r => (int)r.Delay.TotalMilliseconds));
        var times = attempts.ToArray();
        Assert.Equal(4, times.Length);
        for (var i = 1; i < times.Length; i++)
            Assert.True(times[i] - times[i - 1] >= hooks.Retries.ElementAt(i - 1).Delay - TimeSpan.FromMilliseconds(5), $"retry {i} waited its backoff");
        var giveUp = Assert.Single(hooks.GiveUps);
        Assert.Equal(("pod/default/web", 4, "NB is read-only"), giveUp);
        Assert.Equal(1, q.GiveUps);
        Assert.Equal(3, q.Retries);
    }

    [Fact]
    public async Task SuccessAfterFailures_ResetsTheBackoff()
    {
        var hooks = new Hooks();
        var calls = 0;
        await using var q = new WorkQueue<string>((_, _) =>
        {
            var n = Interlocked.Increment(ref calls);
            return n is 1 or 2 or 4 ? throw new IOException("transient") : Task.CompletedTask;
        }, new WorkQueueOptions { BaseDelay = TimeSpan.FromMilliseconds(10), MaxRetries = 5 }, hooks);
        q.Start();
        q.Add("k");
        await Eventually.TrueAsync(() => Volatile.Read(ref calls) == 3, Bound, "third attempt succeeds");
        q.Add("k");
        await Eventually.TrueAsync(() => Volatile.Read(ref calls) == 5, Bound, "a fresh failure retries once more");
        Assert.Equal([1, 2, 1], hooks.Retries.Select(r => r.Attempt));
        Assert.Empty(hooks.GiveUps);
    }
}
