namespace Ovnk.Ovsdb.Monitoring;

/// <summary>Which monitor method to use (RFC 7047 §4.1.5; ovsdb-server(7) §4.1.12 and §4.1.15).</summary>
public enum MonitorFlavor
{
    /// <summary><c>monitor</c>: full new rows in <c>update</c> notifications.</summary>
    Monitor,
    /// <summary><c>monitor_cond</c>: conditions, and column diffs in <c>update2</c>.</summary>
    MonitorCond,
    /// <summary><c>monitor_cond_since</c>: like monitor_cond, resumable from a transaction id (<c>update3</c>).</summary>
    MonitorCondSince,
}
