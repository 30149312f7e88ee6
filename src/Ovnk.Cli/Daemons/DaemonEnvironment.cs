using System.Globalization;

namespace Ovnk.Cli.Daemons;

/// <summary>
/// Pure: settings from flags, else environment variables (what deploy/*.yaml sets from the ovnkube-config ConfigMap),
/// else defaults. Variable names follow upstream's ovnkube.sh where one exists.
/// </summary>
internal static class DaemonEnvironment
{
    /// <summary>The environment variables read, for the help text and the docs.</summary>
    public static IReadOnlyList<(string Name, string Meaning)> Variables { get; } =
    [
        ("OVS_RUNDIR, OVS_DBDIR, OVS_LOGDIR", "OVS directories (default /var/run/openvswitch, /etc/openvswitch, /var/log/openvswitch)"),
        ("OVN_RUNDIR, OVN_DBDIR, OVN_LOGDIR", "OVN directories (default /var/run/ovn, /etc/ovn, /var/log/ovn)"),
        ("OVN_NB, OVN_SB", "ovn-northd's NB and SB remotes (default the local unix sockets)"),
        ("OVN_NB_PORT, OVN_SB_PORT", "TCP port of nb-ovsdb / sb-ovsdb (default 6641 / 6642)"),
        ("OVN_DB_LISTEN_ADDRESS", "address nb-ovsdb / sb-ovsdb listen on (default 0.0.0.0)"),
        ("OVN_DB_INACTIVITY_PROBE_MS", "inactivity probe of the NB/SB TCP connections (default 60000)"),
        ("OVS_DB", "ovn-controller's Open_vSwitch database (default unix:$OVS_RUNDIR/db.sock)"),
        ("OVN_LOGLEVEL", "daemon log level for console and file: emer, err, warn, info, dbg (default info)"),
    ];

    private static readonly string[] Levels = ["off", "emer", "err", "warn", "info", "dbg"];

    /// <exception cref="DaemonException">A value does not parse; the message names the variable or flag.</exception>
    public static DaemonSettings Resolve(DaemonComponent component, DaemonFlags flags, Func<string, string?> env)
    {
        string? Env(string name) => env(name) is { Length: > 0 } v ? v.Trim() : null;
        var fromEnv = DaemonDirectories.FromEnvironment(env);
        var dirs = new DaemonDirectories
        {
            OvsRun = flags.OvsRunDir ?? fromEnv.OvsRun, OvsDb = flags.OvsDbDir ?? fromEnv.OvsDb, OvsLog = flags.OvsLogDir ?? fromEnv.OvsLog,
            OvnRun = flags.OvnRunDir ?? fromEnv.OvnRun, OvnDb = flags.OvnDbDir ?? fromEnv.OvnDb, OvnLog = flags.OvnLogDir ?? fromEnv.OvnLog,
        };
        var portVariable = component == DaemonComponent.SbOvsdb ? "OVN_SB_PORT" : "OVN_NB_PORT";
        var level = (flags.LogLevel ?? Env("OVN_LOGLEVEL") ?? "info").ToLowerInvariant();
        if (!Levels.Contains(level))
            throw new DaemonException($"log level '{level}' (--log-level or OVN_LOGLEVEL) is not one of {string.Join(", ", Levels)}.");
        var defaults = new DaemonSettings();
        return new DaemonSettings
        {
            Directories = dirs,
            OvnNb = Remote(flags.OvnNb ?? Env("OVN_NB"), "OVN_NB", "ovn_nb", 6641),
            OvnSb = Remote(flags.OvnSb ?? Env("OVN_SB"), "OVN_SB", "ovn_sb", 6642),
            Port = flags.Port ?? ParsePort(Env(portVariable), portVariable),
            ListenAddress = flags.ListenAddress ?? Env("OVN_DB_LISTEN_ADDRESS") ?? defaults.ListenAddress,
            InactivityProbeMs = flags.InactivityProbeMs ?? ParseLong(Env("OVN_DB_INACTIVITY_PROBE_MS"), "OVN_DB_INACTIVITY_PROBE_MS") ?? defaults.InactivityProbeMs,
            OvsDb = flags.OvsDb ?? Env("OVS_DB"),
            LogLevel = level,
        };
    }

    /// <summary>A remote still holding deploy/02-ovnkube-config.yaml's placeholder names the ConfigMap key to set.</summary>
    private static string? Remote(string? value, string variable, string key, int port) =>
        value is not null && value.Contains("CONTROL_PLANE_IP", StringComparison.Ordinal)
            ? throw new DaemonException($"{variable}='{value}' still holds the placeholder of deploy/02-ovnkube-config.yaml; set {key} in " +
                $"ConfigMap ovn-kubernetes/ovnkube-config to tcp:<control-plane node IP>:{port.ToString(CultureInfo.InvariantCulture)} " +
                "(kubectl -n ovn-kubernetes edit configmap ovnkube-config) and delete this pod.")
            : value;

    private static int? ParsePort(string? text, string variable) =>
        text is null ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536 ? p
        : throw new DaemonException($"{variable}='{text}' is not a TCP port (1-65535); fix the ConfigMap value or the env var.");

    private static long? ParseLong(string? text, string variable) =>
        text is null ? null
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v
        : throw new DaemonException($"{variable}='{text}' is not a number of milliseconds (0 = no probe).");
}
