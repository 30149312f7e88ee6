namespace Ovnk.Cli.Daemons;

/// <summary>One daemon to start, then (optionally) a database write before the next stage starts.</summary>
internal sealed record DaemonStage(DaemonSpec Daemon, BootstrapAction? AfterStart = null);
