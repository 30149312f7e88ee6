using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Monitoring;

/// <summary>
/// What to monitor in one table: the columns (all when null), the rows (a where clause for the monitor_cond
/// flavours; all rows when null), and which kinds of change to report.
/// </summary>
public sealed record MonitorTable(
    string Table,
    IReadOnlyList<string>? Columns = null,
    IReadOnlyList<Condition>? Where = null,
    bool Initial = true,
    bool Insert = true,
    bool Delete = true,
    bool Modify = true);
