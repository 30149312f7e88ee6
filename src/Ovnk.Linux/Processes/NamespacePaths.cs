namespace Ovnk.Linux.Processes;

/// <summary>
/// Namespaces a spawned process enters, each as a file: /proc/PID/ns/net, /run/netns/NAME or a bind-mounted
/// namespace file. Null members are inherited. They are entered by util-linux nsenter exec'd as a prefix (the lab's
/// runtime, like `ip netns exec`): a posix_spawn child cannot call setns before exec.
/// </summary>
public sealed record NamespacePaths(string? Network = null, string? Uts = null, string? Mount = null, string? Ipc = null, string? Pid = null)
{
    /// <summary>True when no namespace is named.</summary>
    public bool IsEmpty => Network is null && Uts is null && Mount is null && Ipc is null && Pid is null;

    /// <summary>The nsenter argument vector that enters these namespaces, then runs <paramref name="command"/>.</summary>
    public IReadOnlyList<string> NsenterPrefix(string? workingDirectory, IReadOnlyList<string> command)
    {
        var args = new List<string> { "nsenter" };
        void Add(string flag, string? path)
        {
            if (path is not null)
            {
                args.Add($"--{flag}={path}");
            }
        }
        Add("net", Network);
        Add("uts", Uts);
        Add("ipc", Ipc);
        Add("pid", Pid);
        Add("mount", Mount);
        if (workingDirectory is not null)
        {
            // --wdns: the directory is resolved inside the entered mount namespace, not ours.
            args.Add($"--wdns={workingDirectory}");
        }
        if (Pid is not null)
        {
            // A new pid namespace applies to children only: nsenter forks and waits (its exit code is the child's).
            args.Add("--fork");
        }
        args.Add("--");
        args.AddRange(command);
        return args;
    }
}
