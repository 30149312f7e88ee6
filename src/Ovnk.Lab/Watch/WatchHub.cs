using Ovnk.Lab.Storage;

namespace Ovnk.Lab.Watch;

/// <summary>
/// Fans committed events out to watchers. The store publishes under its writer lock, so <see cref="LastRevision"/>
/// and the subscription list change atomically with respect to each other: a subscriber registered when the last
/// revision was R receives exactly the events after R.
/// </summary>
public sealed class WatchHub
{
    private readonly Lock _gate = new();
    private readonly List<WatchSubscription> _subscribers = [];
    private long _last;

    /// <summary>The newest published revision.</summary>
    public long LastRevision
    {
        get
        {
            lock (_gate)
            {
                return _last;
            }
        }
    }

    /// <summary>Sets the starting revision (the store's newest on open).</summary>
    public void Initialize(long revision)
    {
        lock (_gate)
        {
            _last = revision;
        }
    }

    /// <summary>Delivers a committed event to every subscriber.</summary>
    public void Publish(StoredEvent e)
    {
        lock (_gate)
        {
            _last = e.Revision;
            foreach (var subscriber in _subscribers)
            {
                subscriber.Offer(e);
            }
        }
    }

    /// <summary>Registers a subscriber; it receives every event after the returned revision.</summary>
    public WatchSubscription Subscribe(int capacity, out long startRevision)
    {
        var subscription = new WatchSubscription(this, capacity);
        lock (_gate)
        {
            startRevision = _last;
            _subscribers.Add(subscription);
        }
        return subscription;
    }

    internal void Unsubscribe(WatchSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscription);
        }
    }
}
