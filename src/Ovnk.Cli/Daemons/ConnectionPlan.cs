namespace Ovnk.Cli.Daemons;

/// <summary>
/// Pure: does NB_Global/SB_Global need its connections rewritten to exactly one Connection with this target and
/// inactivity probe? (A restart with the row already right writes nothing.)
/// </summary>
internal static class ConnectionPlan
{
    /// <param name="globalExists">Whether the NB_Global/SB_Global row exists (ovn-northd or a CLI may have made it).</param>
    /// <param name="current">The global row's connections, as (target, inactivity_probe).</param>
    public static bool NeedsWrite(bool globalExists, IReadOnlyList<(string Target, long? InactivityProbe)> current, string target, long inactivityProbeMs) =>
        !globalExists || current.Count != 1 || current[0].Target != target || current[0].InactivityProbe != inactivityProbeMs;
}
