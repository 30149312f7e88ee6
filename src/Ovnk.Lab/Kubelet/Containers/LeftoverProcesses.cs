using Ovnk.Linux.Processes;

namespace Ovnk.Lab.Kubelet.Containers;

/// <summary>
/// Container processes of an earlier kubelet-lite run (it was killed; its children live on). Pid files hold
/// "PID STARTTIME" (field 22 of /proc/PID/stat), so a reused pid is never killed by mistake.
/// </summary>
public static class LeftoverProcesses
{
    /// <summary>The pid-file text for a live process.</summary>
    public static string Identify(int pid) => $"{pid} {StartTime(pid)}";

    /// <summary>SIGKILLs the process a pid file names if it is still that process; returns true if one was killed.</summary>
    public static bool KillIfAlive(string pidFile)
    {
        if (!File.Exists(pidFile)) return false;
        var parts = File.ReadAllText(pidFile).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !int.TryParse(parts[0], out var pid) || pid <= 1) return false;
        if (StartTime(pid) != parts[1]) return false;
        var killed = SignalSender.SendToGroup(pid, SignalSender.SigKill); // the container's whole process group
        for (var i = 0; i < 100 && StartTime(pid) == parts[1] && !IsZombie(pid); i++) Thread.Sleep(20);
        return killed;
    }

    /// <summary>
    /// SIGKILLs every process inside the network namespace <paramref name="netNsPath"/> (with its process group): in a
    /// pod's own namespace each one is a container of that pod, including one started just before a crash, before
    /// its pid file was written. Returns how many were found.
    /// </summary>
    public static int KillInNetNs(string netNsPath) => KillIn(netNsPath, "net");

    /// <summary>
    /// SIGKILLs every process in the node's mount namespace: containers get their own copy (unshare), so at start-up
    /// these are CNI plugin execs orphaned by a crash, which must not finish an ADD after the restart's DEL.
    /// </summary>
    public static int KillInMountNs(string mountNsPath) => KillIn(mountNsPath, "mnt");

    private static int KillIn(string namespacePath, string kind)
    {
        if (!File.Exists(namespacePath)) return 0;
        var target = Ovnk.Linux.Namespaces.NamespaceId.Of(namespacePath);
        var found = 0;
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid <= 1 || pid == Environment.ProcessId) continue;
            try
            {
                if (Ovnk.Linux.Namespaces.NamespaceId.Of($"/proc/{pid}/ns/{kind}") != target) continue;
            }
            catch (Ovnk.Linux.LinuxException)
            {
                continue; // Exited meanwhile.
            }
            found++;
            SignalSender.Send(pid, SignalSender.SigKill);
            if (kind == "net") SignalSender.SendToGroup(pid, SignalSender.SigKill);
        }
        return found;
    }

    private static string? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // comm (field 2) may contain spaces: fields after the last ')' start at field 3.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[19];
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }
}
