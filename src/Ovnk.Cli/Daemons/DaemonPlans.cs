using System.Globalization;

namespace Ovnk.Cli.Daemons;

/// <summary>
/// Pure: the plan (argv, files, order) of each component, following ovs-ctl and ovn-ctl's names so that
/// <c>ovs-appctl -t ovs-vswitchd</c>, <c>ovn-appctl -t ovn-northd</c>, <c>ovn-nbctl</c> and the node agent's defaults
/// find everything where they look. Every daemon logs to the console (the container log) and to its log file.
/// </summary>
internal static class DaemonPlans
{
    public const int NorthboundPort = 6641;
    public const int SouthboundPort = 6642;

    public static DaemonPlan For(DaemonComponent component, DaemonSettings settings) => component switch
    {
        DaemonComponent.NbOvsdb => CentralDatabase(settings, OvnDatabaseKind.Northbound),
        DaemonComponent.SbOvsdb => CentralDatabase(settings, OvnDatabaseKind.Southbound),
        DaemonComponent.OvnNorthd => Northd(settings),
        DaemonComponent.OvsServer => OvsServer(settings),
        DaemonComponent.OvnController => OvnController(settings),
        _ => throw new ArgumentOutOfRangeException(nameof(component), component, "unknown component"),
    };

    /// <summary>The local unix socket of the NB (<c>ovnnb_db.sock</c>) or SB (<c>ovnsb_db.sock</c>) in OVN_RUNDIR.</summary>
    public static string CentralSocket(DaemonDirectories d, OvnDatabaseKind kind) => Path.Combine(d.OvnRun, $"{Short(kind)}_db.sock");

    private static DaemonPlan CentralDatabase(DaemonSettings s, OvnDatabaseKind kind)
    {
        var d = s.Directories;
        var name = Short(kind);
        var (table, dbName, schema, port, log) = kind == OvnDatabaseKind.Northbound
            ? ("NB_Global", "OVN_Northbound", "ovn-nb.ovsschema", s.Port ?? NorthboundPort, "ovsdb-server-nb.log")
            : ("SB_Global", "OVN_Southbound", "ovn-sb.ovsschema", s.Port ?? SouthboundPort, "ovsdb-server-sb.log");
        var db = new DatabaseFile(Path.Combine(d.OvnDb, $"{name}_db.db"), Path.Combine(s.OvnSchemaDir, schema));
        var socket = CentralSocket(d, kind);
        var pid = Path.Combine(d.OvnRun, $"{name}_db.pid");
        var ctl = Path.Combine(d.OvnRun, $"{name}_db.ctl");
        // TCP comes from the database's own Connection row (--remote=db:…), as ovn-ctl does, so that the row's
        // inactivity_probe applies; the bootstrap writes that row once the unix socket answers.
        string[] args =
        [
            db.Path, "--remote=punix:" + socket, $"--remote=db:{dbName},{table},connections",
            "--pidfile=" + pid, "--unixctl=" + ctl, .. LogArgs(s, Path.Combine(d.OvnLog, log)),
        ];
        var target = $"ptcp:{port.ToString(CultureInfo.InvariantCulture)}:{s.ListenAddress}";
        var stage = new DaemonStage(new DaemonSpec("ovsdb-server", args, pid, ctl, d.OvnRun, socket),
            new ListenConnection("unix:" + socket, kind, target, s.InactivityProbeMs));
        return new DaemonPlan(kind == OvnDatabaseKind.Northbound ? DaemonComponent.NbOvsdb : DaemonComponent.SbOvsdb,
            [d.OvnRun, d.OvnDb, d.OvnLog], [db], [stage], d.Environment);
    }

    private static DaemonPlan Northd(DaemonSettings s)
    {
        var d = s.Directories;
        var nb = s.OvnNb ?? "unix:" + CentralSocket(d, OvnDatabaseKind.Northbound);
        var sb = s.OvnSb ?? "unix:" + CentralSocket(d, OvnDatabaseKind.Southbound);
        var pid = Path.Combine(d.OvnRun, "ovn-northd.pid");
        // Default control socket (ovn-northd.PID.ctl), so `ovn-appctl -t ovn-northd status` finds it via the pid file.
        string[] args = ["--ovnnb-db=" + nb, "--ovnsb-db=" + sb, "--pidfile=" + pid, .. LogArgs(s, Path.Combine(d.OvnLog, "ovn-northd.log"))];
        return new DaemonPlan(DaemonComponent.OvnNorthd, [d.OvnRun, d.OvnLog], [],
            [new DaemonStage(new DaemonSpec("ovn-northd", args, pid, null, d.OvnRun, null))], d.Environment);
    }

    private static DaemonPlan OvsServer(DaemonSettings s)
    {
        var d = s.Directories;
        var db = new DatabaseFile(Path.Combine(d.OvsDb, "conf.db"), Path.Combine(s.OvsSchemaDir, "vswitch.ovsschema"));
        var socket = Path.Combine(d.OvsRun, "db.sock");
        var serverPid = Path.Combine(d.OvsRun, "ovsdb-server.pid");
        string[] serverArgs =
        [
            db.Path, "--remote=punix:" + socket, "--remote=db:Open_vSwitch,Open_vSwitch,manager_options",
            "--pidfile=" + serverPid, .. LogArgs(s, Path.Combine(d.OvsLog, "ovsdb-server.log")),
        ];
        var vswitchdPid = Path.Combine(d.OvsRun, "ovs-vswitchd.pid");
        // ovs-vswitchd.PID.ctl in OVS_RUNDIR is where the node agent (--vswitchd-ctl default) and ovs-appctl look.
        string[] vswitchdArgs = ["unix:" + socket, "--pidfile=" + vswitchdPid, .. LogArgs(s, Path.Combine(d.OvsLog, "ovs-vswitchd.log"))];
        return new DaemonPlan(DaemonComponent.OvsServer, [d.OvsRun, d.OvsDb, d.OvsLog], [db],
        [
            new DaemonStage(new DaemonSpec("ovsdb-server", serverArgs, serverPid, null, d.OvsRun, socket), new InitOpenVswitch("unix:" + socket)),
            new DaemonStage(new DaemonSpec("ovs-vswitchd", vswitchdArgs, vswitchdPid, null, d.OvsRun, null)),
        ], d.Environment);
    }

    private static DaemonPlan OvnController(DaemonSettings s)
    {
        var d = s.Directories;
        var ovs = s.OvsDb ?? "unix:" + Path.Combine(d.OvsRun, "db.sock");
        var pid = Path.Combine(d.OvnRun, "ovn-controller.pid");
        string[] args = [ovs, "--pidfile=" + pid, .. LogArgs(s, Path.Combine(d.OvnLog, "ovn-controller.log"))];
        return new DaemonPlan(DaemonComponent.OvnController, [d.OvnRun, d.OvnLog], [],
            [new DaemonStage(new DaemonSpec("ovn-controller", args, pid, null, d.OvnRun, null), BeforeStart: new AwaitSystemId(ovs))], d.Environment);
    }

    /// <summary>
    /// Console (the container log) and file at the same level, syslog off (there is none in a container).
    /// -vconsole comes before --log-file, or "opened log file" goes to the console at the default level (LAB-NOTES 2).
    /// </summary>
    private static string[] LogArgs(DaemonSettings s, string logFile) =>
        ["-vconsole:" + s.LogLevel, "-vsyslog:off", "-vfile:" + s.LogLevel, "--log-file=" + logFile];

    private static string Short(OvnDatabaseKind kind) => kind == OvnDatabaseKind.Northbound ? "ovnnb" : "ovnsb";
}
