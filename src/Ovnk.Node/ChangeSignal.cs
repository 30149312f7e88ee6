namespace Ovnk.Node;

/// <summary>
/// A wake-up for waiters on a cache or an informer: <see cref="Pulse"/> (called on the OVSDB read loop or an informer loop, never blocks) completes the
/// current <see cref="Next"/> task; waiters re-check their condition and wait for the next pulse.
/// </summary>
internal sealed class ChangeSignal
{
    private TaskCompletionSource _next = New();

    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() => Interlocked.Exchange(ref _next, New()).TrySetResult();

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
