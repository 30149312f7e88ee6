using System.Globalization;
using System.Text.RegularExpressions;

namespace Ovnk.Node.Gateway;

/// <summary>
/// Pure: reads ovs-vswitchd's <c>bridge/dump-flows BRIDGE</c> (unixctl, no process to start). Its lines carry no
/// cookie, so the check is a count: a restarted ovs-vswitchd (or a del-flows) leaves only its own NORMAL flow.
/// </summary>
public static partial class BridgeFlowDump
{
    /// <summary>OpenFlow priorities end at 65535; ovs-vswitchd's hidden flows (in-band, fail-open) sit above.</summary>
    private const int MaxVisiblePriority = ushort.MaxValue;

    /// <summary>Tables 254 and 255 are ovs-vswitchd's internal ones.</summary>
    private const int FirstInternalTable = 254;

    /// <summary>How many flows `ovs-ofctl dump-flows` would show (OpenFlow tables, OpenFlow priorities).</summary>
    public static int CountVisible(string dump)
    {
        ArgumentNullException.ThrowIfNull(dump);
        var count = 0;
        foreach (var line in dump.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Priority().Match(line) is not { Success: true } priority) continue;
            var table = TableId().Match(line) is { Success: true } t ? int.Parse(t.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : 0;
            if (table < FirstInternalTable && long.Parse(priority.Groups[1].ValueSpan, CultureInfo.InvariantCulture) <= MaxVisiblePriority) count++;
        }
        return count;
    }

    [GeneratedRegex(@"(?:^|[ ,])priority=(\d+)")]
    private static partial Regex Priority();

    [GeneratedRegex(@"^table_id=(\d+)")]
    private static partial Regex TableId();
}
