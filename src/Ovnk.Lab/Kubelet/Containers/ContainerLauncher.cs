using System.Text;
using Ovnk.Linux.Processes;

namespace Ovnk.Lab.Kubelet.Containers;

/// <summary>
/// The one place container processes are started. posix_spawn (<see cref="ProcessSpawner"/>) starts, in a new
/// session (the container leads its own process group), <c>nsenter --net --uts --mount=NODE</c> →
/// <c>unshare --mount --propagation slave</c> (a private copy of the node's mounts) → <c>sh -c</c> doing the volume
/// bind mounts and <c>cd</c> → the container's argv; every step execs, so the pid posix_spawn returns (before
/// nsenter runs) is the container's. stdout and stderr are the log file opened with O_APPEND in the child, so such a
/// container survives a restart of kubelet-lite; with <c>tty</c> they are a pseudo-terminal whose master
/// kubelet-lite holds and copies into the log (<see cref="ContainerProcess"/>).
/// </summary>
public static class ContainerLauncher
{
    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static ContainerProcess Start(ContainerLaunchSpec spec)
    {
        var env = new Dictionary<string, string>(spec.Env, StringComparer.Ordinal);
        env.TryAdd("PATH", DefaultPath);
        var pty = spec.Tty ? Pty.Open() : null;
        try
        {
            var terminal = pty is null ? null : StdioTarget.Terminal(pty);
            var log = StdioTarget.File(spec.LogPath, append: true);
            var options = new SpawnOptions
            {
                Command = Argv(spec),
                Environment = env,
                NewSession = true,
                Stdin = terminal ?? (spec.Stdin ? StdioTarget.Pipe : StdioTarget.Null),
                Stdout = terminal ?? log,
                Stderr = terminal ?? log,
            };
            var process = ProcessSpawner.Spawn(options);
            return new ContainerProcess(process, spec, pty);
        }
        catch
        {
            pty?.Dispose();
            throw;
        }
    }

    /// <summary>The launch chain's argv (pure).</summary>
    internal static IReadOnlyList<string> Argv(ContainerLaunchSpec spec) =>
    [
        "/usr/bin/nsenter", $"--net={spec.NetNs}", $"--uts={spec.UtsNs}", $"--mount={spec.NodeMountNs}",
        "--", "/usr/bin/unshare", "--mount", "--propagation", "slave", "--", "/bin/sh", "-c", InnerScript(spec), "sh", .. spec.Argv,
    ];

    /// <summary>The in-container script: mount points, bind mounts (read-only remount when asked), cwd, exec.</summary>
    internal static string InnerScript(ContainerLaunchSpec spec)
    {
        var script = new StringBuilder("set -e; ");
        foreach (var mount in spec.Mounts)
        {
            var kind = File.Exists(mount.Source) ? $"[ -e {Quote(mount.Target)} ] || {{ mkdir -p {Quote(Path.GetDirectoryName(mount.Target) ?? "/")}; : > {Quote(mount.Target)}; }}" : $"mkdir -p {Quote(mount.Target)}";
            script.Append(kind).Append("; ");
            script.Append($"mount --bind {Quote(mount.Source)} {Quote(mount.Target)}; ");
            if (mount.ReadOnly) script.Append($"mount -o remount,bind,ro {Quote(mount.Target)}; ");
        }
        script.Append($"cd {Quote(spec.WorkingDirectory ?? "/")}; exec \"$@\"");
        return script.ToString();
    }

    /// <summary>POSIX single-quoting.</summary>
    internal static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
