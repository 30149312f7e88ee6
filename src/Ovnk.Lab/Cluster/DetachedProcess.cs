using System.Diagnostics;

namespace Ovnk.Lab.Cluster;

/// <summary>
/// Starts a lab component that outlives `ovnk lab up`: its own session and process group (setsid), stdin from
/// /dev/null, stdout and stderr appended to a log file, and a pid file with its start time. Every step execs
/// (sh → setsid → the program), so the recorded pid is the program's.
/// </summary>
public static class DetachedProcess
{
    public static ProcessIdentity Start(string program, IReadOnlyList<string> args, string logFile, string pidFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        // Not a group leader (we forked it), so setsid calls setsid() itself and execs without forking again.
        info.ArgumentList.Add("exec setsid \"$@\" </dev/null >>\"$LAB_LOG\" 2>&1");
        info.ArgumentList.Add("sh");
        info.ArgumentList.Add(program);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["LAB_LOG"] = logFile;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var identity = ProcessIdentity.Of(process.Id)
            ?? throw new InvalidOperationException($"{program} exited at once; see {logFile}");
        PidFile.Write(pidFile, identity);
        return identity;
    }
}
