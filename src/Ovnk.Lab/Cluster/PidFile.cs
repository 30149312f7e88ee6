using Ovnk.Linux.Processes;

namespace Ovnk.Lab.Cluster;

/// <summary>Pid files holding "PID STARTTIME" (<see cref="ProcessIdentity"/>): written at start, used to stop by pid.</summary>
public static class PidFile
{
    public static void Write(string path, ProcessIdentity identity)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, identity.ToString());
        File.Move(temp, path, overwrite: true);
    }

    public static ProcessIdentity? Read(string path)
    {
        try
        {
            return File.Exists(path) ? ProcessIdentity.Parse(File.ReadAllText(path)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The live process the file names, or null (no file, or the process is gone or was replaced).</summary>
    public static ProcessIdentity? ReadAlive(string path) => Read(path) is { IsAlive: true } live ? live : null;

    /// <summary>
    /// Stops the process the file names if it is still that process: SIGTERM to its process group (it leads one),
    /// SIGKILL after <paramref name="grace"/>. Returns true when something was stopped.
    /// </summary>
    public static async Task<bool> StopAsync(string path, TimeSpan grace, CancellationToken cancellationToken)
    {
        if (ReadAlive(path) is not { } process) return false;
        await StopAsync(process, grace, cancellationToken);
        return true;
    }

    public static async Task StopAsync(ProcessIdentity process, TimeSpan grace, CancellationToken cancellationToken)
    {
        if (grace > TimeSpan.Zero)
        {
            SignalGroupOrProcess(process.Pid, SignalSender.SigTerm);
            var deadline = DateTime.UtcNow + grace;
            while (process.IsAlive && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
        for (var i = 0; i < 100 && process.IsAlive; i++)
        {
            SignalGroupOrProcess(process.Pid, SignalSender.SigKill);
            await Task.Delay(20, cancellationToken);
        }
    }

    private static void SignalGroupOrProcess(int pid, int signal)
    {
        if (!SignalSender.SendToGroup(pid, signal))
        {
            SignalSender.Send(pid, signal);
        }
    }
}
