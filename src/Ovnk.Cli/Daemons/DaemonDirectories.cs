namespace Ovnk.Cli.Daemons;

/// <summary>
/// The run, database and log directories of OVS and OVN, resolved like the daemons themselves do: the
/// <c>OVS_RUNDIR</c>/<c>OVS_DBDIR</c>/<c>OVS_LOGDIR</c> and <c>OVN_*</c> environment variables, else the standard
/// container paths (hostPath volumes in deploy/). Every child gets all six variables, so default paths the daemons
/// derive on their own (ovn-controller's <c>br-int.mgmt</c>, <c>&lt;daemon&gt;.&lt;pid&gt;.ctl</c>) stay inside them.
/// </summary>
internal sealed record DaemonDirectories
{
    public string OvsRun { get; init; } = "/var/run/openvswitch";

    public string OvsDb { get; init; } = "/etc/openvswitch";

    public string OvsLog { get; init; } = "/var/log/openvswitch";

    public string OvnRun { get; init; } = "/var/run/ovn";

    public string OvnDb { get; init; } = "/etc/ovn";

    public string OvnLog { get; init; } = "/var/log/ovn";

    /// <summary>Defaults overridden by the environment variables that are set and not empty.</summary>
    public static DaemonDirectories FromEnvironment(Func<string, string?> env)
    {
        var d = new DaemonDirectories();
        string Pick(string name, string fallback) => env(name) is { Length: > 0 } v ? v : fallback;
        return new DaemonDirectories
        {
            OvsRun = Pick("OVS_RUNDIR", d.OvsRun), OvsDb = Pick("OVS_DBDIR", d.OvsDb), OvsLog = Pick("OVS_LOGDIR", d.OvsLog),
            OvnRun = Pick("OVN_RUNDIR", d.OvnRun), OvnDb = Pick("OVN_DBDIR", d.OvnDb), OvnLog = Pick("OVN_LOGDIR", d.OvnLog),
        };
    }

    /// <summary>The environment every daemon and helper tool is started with.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["OVS_RUNDIR"] = OvsRun, ["OVS_DBDIR"] = OvsDb, ["OVS_LOGDIR"] = OvsLog,
        ["OVN_RUNDIR"] = OvnRun, ["OVN_DBDIR"] = OvnDb, ["OVN_LOGDIR"] = OvnLog,
    };
}
