using Ovnk.Ovsdb.Monitoring;

namespace Ovnk.Ovsdb.Client;

/// <summary>
/// A running monitor. Updates that arrive before its initial reply has been handed to the listener are held back and
/// delivered after it, so the listener sees the database's history in order.
/// </summary>
public sealed class OvsdbMonitor
{
    private readonly object _lock = new();
    private List<MonitorUpdate>? _early = [];

    internal OvsdbMonitor(string id, string database, MonitorFlavor flavor, IMonitorListener listener)
    {
        Id = id;
        Database = database;
        Flavor = flavor;
        Listener = listener;
    }

    /// <summary>The monitor id on the wire.</summary>
    public string Id { get; }

    /// <summary>The monitored database.</summary>
    public string Database { get; }

    /// <summary>The monitor method in use.</summary>
    public MonitorFlavor Flavor { get; }

    /// <summary>The listener the updates go to.</summary>
    public IMonitorListener Listener { get; }

    /// <summary>True when the server found the transaction id a monitor_cond_since asked for (no full reload).</summary>
    public bool Resumed { get; internal set; }

    /// <summary>True once the server cancelled the monitor (monitor_canceled, e.g. the database was converted).</summary>
    public bool Canceled { get; internal set; }

    internal void Deliver(MonitorUpdate update)
    {
        lock (_lock)
        {
            if (_early is not null)
                _early.Add(update);
            else
                Listener.OnUpdate(update);
        }
    }

    internal void Start(MonitorUpdate initial)
    {
        lock (_lock)
        {
            Listener.OnUpdate(initial);
            foreach (var update in _early!)
                Listener.OnUpdate(update);
            _early = null;
        }
    }
}
