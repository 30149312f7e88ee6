using System.Threading.Channels;

namespace Ovnk.Ovsdb.Cache;

/// <summary>
/// A keyed, deduplicating queue of changed rows. A key already waiting is not queued again, so a slow consumer sees
/// each row once however often it changed (it reads the current row from the cache), nothing is dropped, and memory
/// stays bounded by the number of rows — unlike a bounded event channel that must drop (libovsdb cache.go).
/// </summary>
public sealed class ChangeQueue
{
    private readonly HashSet<CacheChange> _waiting = [];
    private readonly Channel<CacheChange> _channel = Channel.CreateUnbounded<CacheChange>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = true });

    /// <summary>Keys waiting to be read.</summary>
    public int Count { get { lock (_waiting) return _waiting.Count; } }

    internal void Enqueue(CacheChange change)
    {
        lock (_waiting)
        {
            if (_waiting.Add(change))
                _channel.Writer.TryWrite(change);
        }
    }

    /// <summary>Waits for the next changed row.</summary>
    public async ValueTask<CacheChange> DequeueAsync(CancellationToken cancellationToken)
    {
        var change = await _channel.Reader.ReadAsync(cancellationToken);
        lock (_waiting)
            _waiting.Remove(change);
        return change;
    }

    /// <summary>Takes the next changed row if one is waiting.</summary>
    public bool TryDequeue(out CacheChange change)
    {
        if (!_channel.Reader.TryRead(out change))
            return false;
        lock (_waiting)
            _waiting.Remove(change);
        return true;
    }
}
