using System.Threading.Channels;
using Ovnk.Lab.Storage;

namespace Ovnk.Lab.Watch;

/// <summary>
/// One watcher's bounded queue. A watcher that falls more than its capacity behind is closed (as kube-apiserver
/// does with a slow watcher): the client sees the stream end and re-watches from its last revision, so nothing is
/// lost and memory stays bounded.
/// </summary>
public sealed class WatchSubscription : IDisposable
{
    private readonly WatchHub _hub;
    private readonly Channel<StoredEvent> _channel;

    internal WatchSubscription(WatchHub hub, int capacity)
    {
        _hub = hub;
        _channel = Channel.CreateBounded<StoredEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>True when the watcher fell too far behind and was closed.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>The events, in revision order.</summary>
    public ChannelReader<StoredEvent> Reader => _channel.Reader;

    internal void Offer(StoredEvent e)
    {
        if (!_channel.Writer.TryWrite(e) && !Overflowed)
        {
            Overflowed = true;
            _channel.Writer.TryComplete();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _hub.Unsubscribe(this);
        _channel.Writer.TryComplete();
    }
}
