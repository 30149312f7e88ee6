using System.Diagnostics;
using System.Text;

namespace Ovnk.Lab.Kubelet.Containers;

/// <summary>
/// The one place container processes are started (so it can be swapped for a fork/exec spawner). The chain, every
/// step of which execs (the pid stays the container's):
/// <c>sh -c 'exec "$@" &lt;STDIN &gt;&gt;LOG 2&gt;&amp;1'</c> → <c>setsid</c> → <c>nsenter --net --uts --mount=NODE</c> →
/// <c>unshare --mount --propagation slave</c> (a private copy of the node's mounts) → <c>sh -c</c> doing the volume
/// bind mounts and <c>cd</c> → the container's argv. Its output goes straight to the log file, so it survives a
/// restart of kubelet-lite.
/// </summary>
public static class ContainerLauncher
{
    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static ContainerProcess Start(ContainerLaunchSpec spec)
    {
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        var outer = $"exec \"$@\" <{Quote(spec.StdinPath ?? "/dev/null")} >>{Quote(spec.LogPath)} 2>&1";
        string[] argv =
        [
            "-c", outer, "sh", "/usr/bin/setsid", "/usr/bin/nsenter", $"--net={spec.NetNs}", $"--uts={spec.UtsNs}", $"--mount={spec.NodeMountNs}",
            "--", "/usr/bin/unshare", "--mount", "--propagation", "slave", "--", "/bin/sh", "-c", InnerScript(spec), "sh", .. spec.Argv,
        ];
        foreach (var arg in argv) info.ArgumentList.Add(arg);
        info.Environment.Clear();
        foreach (var (key, value) in spec.Env) info.Environment[key] = value;
        if (!spec.Env.ContainsKey("PATH")) info.Environment["PATH"] = DefaultPath;
        var process = Process.Start(info) ?? throw new InvalidOperationException("/bin/sh did not start");
        return new ContainerProcess(process, spec);
    }

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
