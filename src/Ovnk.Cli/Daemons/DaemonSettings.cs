namespace Ovnk.Cli.Daemons;

/// <summary>
/// Everything the daemon plans depend on. Values come from environment variables (set by the manifests from the
/// <c>ovnkube-config</c> ConfigMap) and flags override them (<see cref="DaemonCommand"/>).
/// </summary>
internal sealed record DaemonSettings
{
    public DaemonDirectories Directories { get; init; } = new();

    /// <summary>NB remote for ovn-northd; null = the local unix socket.</summary>
    public string? OvnNb { get; init; }

    /// <summary>SB remote for ovn-northd; null = the local unix socket.</summary>
    public string? OvnSb { get; init; }

    /// <summary>TCP port of the NB (or SB) ovsdb-server; null = the component's default (6641 / 6642).</summary>
    public int? Port { get; init; }

    /// <summary>The address the NB/SB ovsdb-server listens on (all addresses by default, as ovn-ctl).</summary>
    public string ListenAddress { get; init; } = "0.0.0.0";

    /// <summary>
    /// The Connection row's inactivity_probe in ms. ovsdb-server's default for TCP is 5 s, too short for a busy
    /// control plane: upstream ovnkube.sh raises it (OVN_NB/SB inactivity probe), and so do we.
    /// </summary>
    public long InactivityProbeMs { get; init; } = 60_000;

    /// <summary>The node's Open_vSwitch database for ovn-controller; null = unix:OVS_RUNDIR/db.sock.</summary>
    public string? OvsDb { get; init; }

    /// <summary>Log level of the daemons' console and log file (<c>-vconsole:LEVEL -vfile:LEVEL</c>).</summary>
    public string LogLevel { get; init; } = "info";

    /// <summary>Where the installed .ovsschema files are (Debian: /usr/share/ovn and /usr/share/openvswitch).</summary>
    public string OvnSchemaDir { get; init; } = "/usr/share/ovn";

    public string OvsSchemaDir { get; init; } = "/usr/share/openvswitch";
}
