using System.Globalization;
using Ovnk.Linux.Files;
using Ovnk.Linux.Processes;

namespace Ovnk.Cli.Daemons;

/// <summary>
/// Makes a daemon's files ready for a new start after an unclean end (kill -9 of the container): a previous
/// incarnation that still holds the pid file's lock is stopped (it runs from this very run directory, so it is
/// this container's own daemon, orphaned), then the pid file, control sockets and listening socket it left are removed.
/// </summary>
internal static class StaleDaemonFiles
{
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(5);

    public static async Task CleanAsync(DaemonSpec daemon, Action<string> log, CancellationToken cancellationToken)
    {
        if (PidFileLock.Holder(daemon.PidFile) is { } holder)
        {
            if (holder <= 0)
                throw new DaemonException($"{daemon.PidFile} is locked by a {daemon.Binary} outside this pid namespace; " +
                    $"stop that daemon, or give this container its own {daemon.RunDirectory} (OVS_RUNDIR/OVN_RUNDIR).");
            log($"{daemon.Binary} pid {holder} (a previous incarnation) still holds {daemon.PidFile}; stopping it");
            await StopAsync(daemon, holder, cancellationToken);
        }
        Delete(daemon.PidFile);
        if (daemon.ControlSocket is { } ctl)
            Delete(ctl);
        if (daemon.ReadySocket is { } socket)
            Delete(socket);
        DeleteDefaultControlSockets(daemon);
    }

    private static async Task StopAsync(DaemonSpec daemon, int pid, CancellationToken cancellationToken)
    {
        foreach (var signal in new[] { SignalSender.SigTerm, SignalSender.SigKill })
        {
            SignalSender.Send(pid, signal);
            var deadline = DateTime.UtcNow + StopWait;
            while (DateTime.UtcNow < deadline)
            {
                if (PidFileLock.Holder(daemon.PidFile) is null)
                    return;
                await Task.Delay(50, cancellationToken);
            }
        }
        throw new DaemonException($"{daemon.Binary} pid {pid} keeps {daemon.PidFile} locked after SIGKILL; " +
            "it may be stuck in the kernel (D state): check `cat /proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/stack`.");
    }

    /// <summary>BINARY.PID.ctl of processes that are gone (the daemon's default unixctl path).</summary>
    private static void DeleteDefaultControlSockets(DaemonSpec daemon)
    {
        if (!Directory.Exists(daemon.RunDirectory))
            return;
        foreach (var file in Directory.EnumerateFiles(daemon.RunDirectory, daemon.Binary + ".*.ctl"))
        {
            var middle = Path.GetFileName(file)[(daemon.Binary.Length + 1)..^4];
            if (int.TryParse(middle, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !IsRunning(pid))
                Delete(file);
        }
    }

    /// <summary>Alive and not a zombie (a killed daemon may linger as Z until its parent reaps it; LAB-NOTES 8).</summary>
    internal static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var afterName = stat.LastIndexOf(')');
            return afterName > 0 && afterName + 2 < stat.Length && stat[afterName + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // nothing to clean
        }
    }
}
