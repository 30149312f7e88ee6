namespace Ovnk.Cli.Daemons;

/// <summary>
/// One daemon process: its binary and argv (always in the foreground: no <c>--detach</c>), its pid file (locked by the
/// daemon while it runs) and the control socket and listening socket it leaves behind when killed with SIGKILL.
/// </summary>
/// <param name="Binary">Program name, found in PATH (ovsdb-server, ovs-vswitchd, ovn-northd, ovn-controller).</param>
/// <param name="Arguments">The full argv after the program name.</param>
/// <param name="PidFile">The <c>--pidfile</c> path.</param>
/// <param name="ControlSocket">An explicit <c>--unixctl</c> path; null = the default RUNDIR/BINARY.PID.ctl.</param>
/// <param name="RunDirectory">The run directory holding the pid file and default control sockets.</param>
/// <param name="ReadySocket">A unix socket the daemon listens on when it is ready (null = none to wait for).</param>
internal sealed record DaemonSpec(
    string Binary,
    IReadOnlyList<string> Arguments,
    string PidFile,
    string? ControlSocket,
    string RunDirectory,
    string? ReadySocket);
