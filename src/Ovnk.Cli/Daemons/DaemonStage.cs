namespace Ovnk.Cli.Daemons;

/// <summary>
/// One daemon to start: first (optionally) a condition to wait for, then the daemon, then (optionally) a database
/// write before the next stage starts.
/// </summary>
internal sealed record DaemonStage(DaemonSpec Daemon, BootstrapAction? AfterStart = null, BootstrapAction? BeforeStart = null);
