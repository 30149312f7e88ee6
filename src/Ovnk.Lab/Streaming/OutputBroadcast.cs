using System.Threading.Channels;

namespace Ovnk.Lab.Streaming;

/// <summary>
/// Fans one container stream out to the sessions attached to it. Each subscriber has a bounded queue that drops
/// its oldest chunk when full, so a stalled client never stalls the container (its log keeps everything).
/// </summary>
internal sealed class OutputBroadcast
{
    private const int QueueChunks = 256;
    private readonly Lock _lock = new();
    private readonly List<Channel<byte[]>> _subscribers = [];
    private bool _completed;

    /// <summary>The number of current subscribers.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>Sends a copy of <paramref name="chunk"/> to every subscriber.</summary>
    public void Publish(ReadOnlyMemory<byte> chunk)
    {
        lock (_lock)
        {
            foreach (var s in _subscribers)
            {
                s.Writer.TryWrite(chunk.ToArray());
            }
        }
    }

    /// <summary>A stream of what is published from now on; it ends when the container's stream ends or on dispose.</summary>
    public Stream Subscribe()
    {
        var channel = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(QueueChunks) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_lock)
        {
            if (_completed)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _subscribers.Add(channel);
            }
        }
        return new ChunkReaderStream(channel.Reader, () => Unsubscribe(channel));
    }

    /// <summary>Ends every subscriber's stream (the container's stream closed).</summary>
    public void Complete()
    {
        lock (_lock)
        {
            _completed = true;
            foreach (var s in _subscribers)
            {
                s.Writer.TryComplete();
            }
            _subscribers.Clear();
        }
    }

    private void Unsubscribe(Channel<byte[]> channel)
    {
        lock (_lock)
        {
            _subscribers.Remove(channel);
        }
        channel.Writer.TryComplete();
    }
}
