using System.Collections.Concurrent;

namespace Ovnk.Ovsdb.Client;

public sealed partial class OvsdbClient
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _locks = new();

    /// <summary>
    /// Raised on the read loop when a lock of ours is gone: taken by <c>steal</c> (RFC 7047 §4.1.10), or lost with the
    /// connection (locks belong to a session). Ask for it again with <see cref="LockAsync"/>.
    /// </summary>
    public event Action<string>? LockStolen;

    /// <summary>
    /// <c>lock</c> (RFC 7047 §4.1.8): asks for the named lock. Returns true when it was granted at once; otherwise the
    /// request is queued and <see cref="WaitForLockAsync"/> completes on the <c>locked</c> notification.
    /// </summary>
    public Task<bool> LockAsync(string name, CancellationToken cancellationToken = default) =>
        LockCallAsync("lock", name, cancellationToken);

    /// <summary><c>steal</c> (RFC 7047 §4.1.8): takes the lock from its owner, who gets <c>stolen</c>.</summary>
    public Task<bool> StealAsync(string name, CancellationToken cancellationToken = default) =>
        LockCallAsync("steal", name, cancellationToken);

    /// <summary>Completes once the named lock, asked for with <see cref="LockAsync"/>, is ours.</summary>
    public Task WaitForLockAsync(string name, CancellationToken cancellationToken = default) =>
        Waiter(name).Task.WaitAsync(cancellationToken);

    /// <summary><c>unlock</c> (RFC 7047 §4.1.8): gives the lock up, or withdraws a queued request.</summary>
    public async Task UnlockAsync(string name, CancellationToken cancellationToken = default)
    {
        await CallAsync("unlock", w => WriteArray(w, name), _ => true, cancellationToken);
        _locks.TryRemove(name, out _);
    }

    private async Task<bool> LockCallAsync(string method, string name, CancellationToken cancellationToken)
    {
        var waiter = Waiter(name);
        var locked = await CallAsync(method, w => WriteArray(w, name), r => r.GetProperty("locked").GetBoolean(), cancellationToken);
        if (locked)
            waiter.TrySetResult();
        return locked;
    }

    private TaskCompletionSource Waiter(string name) =>
        _locks.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private void OnLockNotification(string method, string name)
    {
        if (method == "locked")
        {
            Waiter(name).TrySetResult();
            return;
        }
        _locks.TryRemove(name, out _);
        LockStolen?.Invoke(name);
    }

    private void OnLocksLost(Exception? reason)
    {
        foreach (var (name, waiter) in _locks.ToArray())
        {
            _locks.TryRemove(name, out _);
            if (waiter.Task.IsCompletedSuccessfully)
                LockStolen?.Invoke(name);
            else
                waiter.TrySetException(new OvsdbConnectionException("the connection closed before the lock was granted", reason));
        }
    }
}
