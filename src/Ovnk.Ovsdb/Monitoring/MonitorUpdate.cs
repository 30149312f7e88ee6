namespace Ovnk.Ovsdb.Monitoring;

/// <summary>
/// A batch of row changes from one notification (one committed transaction) or from a monitor's initial reply.
/// <see cref="ClearFirst"/> is set on a reply that replaces the listener's state of the monitored tables
/// (<see cref="Tables"/>; all tables when null): the first reply of a monitor, and a <c>monitor_cond_since</c> reply
/// whose transaction id the server no longer had.
/// </summary>
public sealed record MonitorUpdate(bool ClearFirst, IReadOnlyList<RowUpdate> Rows, string? LastTransactionId)
{
    /// <summary>The tables the monitor covers, which a <see cref="ClearFirst"/> batch replaces; null means every table.</summary>
    public IReadOnlyCollection<string>? Tables { get; init; }
}
