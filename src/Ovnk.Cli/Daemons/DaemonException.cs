namespace Ovnk.Cli.Daemons;

/// <summary>A daemon could not be prepared, started or kept running; the message names the cause and the fix.</summary>
internal sealed class DaemonException(string message, Exception? inner = null) : Exception(message, inner);
