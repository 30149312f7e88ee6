using System.Collections.Concurrent;

namespace Ovnk.Ovsdb.Client;

public sealed partial class OvsdbClient
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _locks = new();

    /// <summary>Raised on the read loop when the server takes a lock of ours away (<c>stolen</c>, RFC 7047 §4.1.10).</summary>
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
        _locks.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))
            .Task.WaitAsync(cancellationToken);

    /// <summary><c>unlock</c> (RFC 7047 §4.1.8): gives the lock up, or withdraws a queued request.</summary>
    public async Task UnlockAsync(string name, CancellationToken cancellationToken = default)
    {
        using var reply = await _connection.CallAsync("unlock",
            w => { w.WriteStartArray(); w.WriteStringValue(name); w.WriteEndArray(); }, cancellationToken);
        _locks.TryRemove(name, out _);
    }

    private async Task<bool> LockCallAsync(string method, string name, CancellationToken cancellationToken)
    {
        var waiter = _locks.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        using var reply = await _connection.CallAsync(method,
            w => { w.WriteStartArray(); w.WriteStringValue(name); w.WriteEndArray(); }, cancellationToken);
        var locked = _connection.Parse(reply, method, r => r.GetProperty("locked").GetBoolean());
        if (locked)
            waiter.TrySetResult();
        return locked;
    }

    private void OnLockNotification(string method, string name)
    {
        if (method == "locked")
        {
            _locks.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            return;
        }
        _locks.TryRemove(name, out _);
        LockStolen?.Invoke(name);
    }
}
