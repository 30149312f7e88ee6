using System.CommandLine;

namespace Ovnk.Cli.Daemons;

/// <summary>
/// <c>ovnk daemon COMPONENT</c>: one OVS/OVN daemon (or ovsdb-server + ovs-vswitchd) in the foreground of a container,
/// configured from environment variables (deploy/*.yaml sets them from the ConfigMap) with flags overriding.
/// </summary>
internal static class DaemonCommand
{
    public static Command Create()
    {
        var command = new Command("daemon", "Run an OVS/OVN daemon in the foreground (the entrypoint of the Ovnk pods in deploy/).\n" +
            "Environment: " + string.Join("; ", DaemonEnvironment.Variables.Select(v => $"{v.Name}: {v.Meaning}")));
        foreach (var (name, component, description) in DaemonComponentNames.All)
            command.Subcommands.Add(CreateComponent(name, component, description));
        return command;
    }

    private static Command CreateComponent(string name, DaemonComponent component, string description)
    {
        var dirs = new[] { "--ovs-rundir", "--ovs-dbdir", "--ovs-logdir", "--ovn-rundir", "--ovn-dbdir", "--ovn-logdir" }
            .Select(o => new Option<string?>(o) { Description = $"Overrides {o[2..].Replace("-", "_", StringComparison.Ordinal).ToUpperInvariant()}." }).ToArray();
        var logLevel = new Option<string?>("--log-level") { Description = "Console and file log level (OVN_LOGLEVEL; default info)." };
        var command = new Command(name, description);
        foreach (var o in dirs)
            command.Options.Add(o);
        command.Options.Add(logLevel);
        Option<string?>? nb = null, sb = null, listen = null, ovsDb = null;
        Option<int?>? port = null;
        Option<long?>? probe = null;
        if (component is DaemonComponent.NbOvsdb or DaemonComponent.SbOvsdb)
        {
            command.Options.Add(port = new Option<int?>("--port") { Description = $"TCP port ({(component == DaemonComponent.NbOvsdb ? "OVN_NB_PORT; default 6641" : "OVN_SB_PORT; default 6642")})." });
            command.Options.Add(listen = new Option<string?>("--listen-address") { Description = "TCP listen address (OVN_DB_LISTEN_ADDRESS; default 0.0.0.0)." });
            command.Options.Add(probe = new Option<long?>("--inactivity-probe-ms") { Description = "Inactivity probe of TCP clients (OVN_DB_INACTIVITY_PROBE_MS; default 60000)." });
        }
        if (component == DaemonComponent.OvnNorthd)
        {
            command.Options.Add(nb = new Option<string?>("--ovn-nb") { Description = "NB remote (OVN_NB; default unix:$OVN_RUNDIR/ovnnb_db.sock)." });
            command.Options.Add(sb = new Option<string?>("--ovn-sb") { Description = "SB remote (OVN_SB; default unix:$OVN_RUNDIR/ovnsb_db.sock)." });
        }
        if (component == DaemonComponent.OvnController)
            command.Options.Add(ovsDb = new Option<string?>("--ovs-db") { Description = "The node's Open_vSwitch database (OVS_DB; default unix:$OVS_RUNDIR/db.sock)." });
        command.SetAction((parse, cancellationToken) =>
        {
            var flags = new DaemonFlags
            {
                OvsRunDir = parse.GetValue(dirs[0]), OvsDbDir = parse.GetValue(dirs[1]), OvsLogDir = parse.GetValue(dirs[2]),
                OvnRunDir = parse.GetValue(dirs[3]), OvnDbDir = parse.GetValue(dirs[4]), OvnLogDir = parse.GetValue(dirs[5]),
                LogLevel = parse.GetValue(logLevel),
                OvnNb = nb is null ? null : parse.GetValue(nb), OvnSb = sb is null ? null : parse.GetValue(sb),
                Port = port is null ? null : parse.GetValue(port), ListenAddress = listen is null ? null : parse.GetValue(listen),
                InactivityProbeMs = probe is null ? null : parse.GetValue(probe), OvsDb = ovsDb is null ? null : parse.GetValue(ovsDb),
            };
            return RunAsync(name, component, flags, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(string name, DaemonComponent component, DaemonFlags flags, CancellationToken cancellationToken)
    {
        void Log(string message) => Console.Error.WriteLine($"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ}|ovnk daemon {name}|{message}");
        DaemonSettings settings;
        try
        {
            settings = DaemonEnvironment.Resolve(component, flags, Environment.GetEnvironmentVariable);
        }
        catch (DaemonException e)
        {
            Log("error: " + e.Message);
            return 2;
        }
        // SIGTERM (kubelet stopping the container) and SIGINT stop the daemons cleanly; the runtime's default would
        // end this process at once and leave them orphaned.
        using var signals = new TerminationSignals(cancellationToken);
        return await new DaemonSupervisor(DaemonPlans.For(component, settings), Log).RunAsync(signals.Token);
    }
}
