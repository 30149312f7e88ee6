using Ovnk.Ovsdb.Monitoring;

namespace Ovnk.Ovsdb.Client;

/// <summary>
/// A running monitor, kept across reconnects: the client re-establishes it on each new connection, resuming from
/// <see cref="LastTransactionId"/> with <c>monitor_cond_since</c>. Updates that arrive before an initial reply has
/// been handed to the listener are held back and delivered after it, so the listener sees history in order.
/// </summary>
public sealed class OvsdbMonitor
{
    private const string NoTransaction = "00000000-0000-0000-0000-000000000000";
    private readonly object _lock = new();
    private List<MonitorUpdate>? _early = [];

    internal OvsdbMonitor(string id, string database, MonitorFlavor flavor, IMonitorListener listener, IReadOnlyList<MonitorTable> tables)
    {
        Id = id;
        Database = database;
        Flavor = flavor;
        Listener = listener;
        Tables = tables;
    }

    /// <summary>The monitor id on the wire (new on each connection).</summary>
    public string Id { get; internal set; }

    /// <summary>The monitored database.</summary>
    public string Database { get; }

    /// <summary>The monitor method in use.</summary>
    public MonitorFlavor Flavor { get; }

    /// <summary>The listener the updates go to.</summary>
    public IMonitorListener Listener { get; }

    /// <summary>What is monitored (updated by condition changes).</summary>
    public IReadOnlyList<MonitorTable> Tables { get; internal set; }

    /// <summary>The last transaction applied (monitor_cond_since on a clustered database), or null.</summary>
    public string? LastTransactionId { get; private set; }

    /// <summary>True when the last (re)start found <see cref="LastTransactionId"/> on the server: no full reload.</summary>
    public bool Resumed { get; internal set; }

    /// <summary>How many times the monitor was started: 1, plus one per reconnect.</summary>
    public int Starts { get; private set; }

    /// <summary>True once the server cancelled the monitor (monitor_canceled, e.g. the database was converted).</summary>
    public bool Canceled { get; internal set; }

    internal void Deliver(MonitorUpdate update)
    {
        lock (_lock)
        {
            if (_early is not null)
                _early.Add(update);
            else
                Apply(update);
        }
    }

    /// <summary>Holds back updates until the next <see cref="Start"/> (called before re-sending the monitor request).</summary>
    internal void Restart(string id)
    {
        lock (_lock)
        {
            Id = id;
            _early = [];
        }
    }

    internal void Start(MonitorUpdate initial)
    {
        lock (_lock)
        {
            Starts++;
            Apply(initial);
            foreach (var update in _early!)
                Apply(update);
            _early = null;
        }
    }

    private void Apply(MonitorUpdate update)
    {
        Listener.OnUpdate(update);
        if (update.LastTransactionId is { } id && id != NoTransaction)
            LastTransactionId = id;
    }
}
