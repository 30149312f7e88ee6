namespace Ovnk.Node.Ovs;

/// <summary>
/// Where ovs-vswitchd's unixctl socket is, resolved on every use: an explicit <see cref="NodeOptions.VswitchdControl"/>,
/// else ovs-appctl's default <c>RUNDIR/ovs-vswitchd.PID.ctl</c> from <c>RUNDIR/ovs-vswitchd.pid</c> — which changes
/// with every restart, so it must not be read once at startup.
/// </summary>
public static class VswitchdControlPath
{
    /// <summary>The socket path, or null while ovs-vswitchd has written no pidfile (not running yet).</summary>
    public static string? Resolve(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.VswitchdControl is { } explicitPath) return explicitPath;
        var pidFile = Path.Combine(options.OvsRunDir, "ovs-vswitchd.pid");
        try
        {
            return File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid)
                ? Path.Combine(options.OvsRunDir, $"ovs-vswitchd.{pid}.ctl") : null;
        }
        catch (IOException)
        {
            return null; // being rewritten by a starting ovs-vswitchd: the next round reads it
        }
    }

    /// <summary>The OpenFlow management socket ovs-vswitchd serves for <paramref name="bridge"/> (what ovs-ofctl BRIDGE uses).</summary>
    public static string ManagementSocket(NodeOptions options, string bridge)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.Combine(options.OvsRunDir, bridge + ".mgmt");
    }
}
