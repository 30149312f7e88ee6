using System.Diagnostics;

namespace Ovnk.Cli.Daemons;

/// <summary>A started daemon: its spec and process (a child of <c>ovnk daemon</c>, sharing its stdout/stderr).</summary>
internal sealed record RunningDaemon(DaemonSpec Spec, Process Process)
{
    public string LogFile => Spec.Arguments.FirstOrDefault(a => a.StartsWith("--log-file=", StringComparison.Ordinal))?["--log-file=".Length..] ?? "(no log file)";

    public string Describe => $"{Spec.Binary} (pid {Process.Id})";
}
