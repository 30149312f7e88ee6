using System.Text.Json.Nodes;

namespace Ovnk.Node.Setup;

/// <summary>
/// Writes <c>10-ovn-kubernetes.conf</c> and installs the plugin binary, each atomically (write a temp file in the same
/// directory, then rename over the target): a runtime never reads half a config, and a running exec of the old
/// binary keeps its inode while the next exec gets the new one (reference §4.1).
/// </summary>
public static class CniConfigInstaller
{
    public const string ConfFileName = "10-ovn-kubernetes.conf";
    public const string PluginName = "ovn-k8s-cni-overlay";

    /// <summary>
    /// The config upstream writes, compact. cniVersion 1.0.0: Debian's libcni (and containerd 1.7's) stops there and
    /// refuses a newer config; the plugin still answers 1.1.0 requests.
    /// </summary>
    public static string ConfText() => new JsonObject
    {
        ["cniVersion"] = "1.0.0",
        ["name"] = "ovn-kubernetes",
        ["type"] = PluginName,
        ["logFile"] = "/var/log/ovn-kubernetes/ovn-k8s-cni-overlay.log",
        ["logLevel"] = "4",
        ["logfile-maxsize"] = 100,
        ["logfile-maxbackups"] = 5,
        ["logfile-maxage"] = 5,
    }.ToJsonString();

    /// <summary>Installs the plugin (when a source is given) and then the config; unchanged files are not rewritten.</summary>
    public static void Install(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.CniPluginSource is { } source)
        {
            if (!File.Exists(source))
                throw new NodeSetupException($"the CNI plugin {source} does not exist", "build it (src/Ovnk.Cni, NativeAOT) or pass its path with --cni-plugin");
            var target = Path.Combine(options.CniBinDir, PluginName);
            var bytes = File.ReadAllBytes(source);
            if (!File.Exists(target) || !File.ReadAllBytes(target).AsSpan().SequenceEqual(bytes))
                WriteAtomically(target, bytes, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                    UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        var conf = Path.Combine(options.CniConfDir, ConfFileName);
        var text = System.Text.Encoding.UTF8.GetBytes(ConfText());
        if (!File.Exists(conf) || !File.ReadAllBytes(conf).AsSpan().SequenceEqual(text))
            WriteAtomically(conf, text, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    private static void WriteAtomically(string target, byte[] bytes, UnixFileMode mode)
    {
        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.SetUnixFileMode(temp, mode);
            File.Move(temp, target, overwrite: true); // rename(2): atomic within a directory
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
