using Ovnk.Linux.Processes;

namespace Ovnk.Lab.Kubelet.Containers;

/// <summary>
/// Container processes of an earlier kubelet-lite run (it was killed; its children live on). Pid files hold
/// "PID STARTTIME" (field 22 of /proc/PID/stat), so a reused pid is never killed by mistake. Every process
/// kubelet-lite starts for a node (container launch chains, CNI plugin execs) also carries the environment variable
/// <see cref="TagVariable"/> = the node's state directory from its first exec on, and children inherit it: a
/// restart finds a launch that was spawned but had not yet written its pid file or entered its namespaces.
/// </summary>
public static class LeftoverProcesses
{
    /// <summary>The variable that marks a node's processes (its value: the node's state directory, absolute).</summary>
    public const string TagVariable = "OVNK_LAB_KUBELET";

    /// <summary>
    /// SIGKILLs every process (with its process group when it leads one) whose initial environment has
    /// <see cref="TagVariable"/>=<paramref name="tag"/>, repeating until a sweep finds none (bounded: a process
    /// that forks while being killed is caught by the next sweep). Returns how many were killed.
    /// </summary>
    public static int KillTagged(string tag)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes($"{TagVariable}={tag}\0");
        var killed = 0;
        for (var sweep = 0; sweep < 20; sweep++)
        {
            var found = 0;
            foreach (var pid in Pids())
            {
                byte[] environ;
                try
                {
                    environ = File.ReadAllBytes($"/proc/{pid}/environ");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    continue; // Exited meanwhile, or a kernel thread.
                }
                if (!StartsEntry(environ, needle)) continue;
                found++;
                if (ProcessGroup(pid) == pid) SignalSender.SendToGroup(pid, SignalSender.SigKill);
                SignalSender.Send(pid, SignalSender.SigKill);
            }
            killed += found;
            if (found == 0) break;
            Thread.Sleep(50); // Let the killed die (a zombie's environ reads empty) before looking again.
        }
        return killed;
    }

    /// <summary>True when <paramref name="entry"/> (NAME=value\0) is one whole entry of <paramref name="environ"/>.</summary>
    internal static bool StartsEntry(ReadOnlySpan<byte> environ, ReadOnlySpan<byte> entry)
    {
        var rest = environ;
        while (rest.Length > 0)
        {
            var end = rest.IndexOf((byte)0);
            var current = end < 0 ? rest : rest[..(end + 1)];
            if (current.SequenceEqual(entry) || (end < 0 && current.SequenceEqual(entry[..^1]))) return true;
            if (end < 0) break;
            rest = rest[(end + 1)..];
        }
        return false;
    }

    private static IEnumerable<int> Pids()
    {
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && pid > 1 && pid != Environment.ProcessId) yield return pid;
        }
    }

    private static int ProcessGroup(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return -1;
        }
    }
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
