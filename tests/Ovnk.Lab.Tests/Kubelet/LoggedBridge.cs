using Ovnk.Lab.Tests.Support;

namespace Ovnk.Lab.Tests.Kubelet;

/// <summary>
/// A `bridge-logged` plugin in a node's /opt/cni/bin: appends "COMMAND CONTAINERID" to the node's
/// /var/lib/cni/calls.log, then execs the real bridge plugin — so tests can count ADD and DEL calls.
/// </summary>
public static class LoggedBridge
{
    public const string Type = "bridge-logged";

    public static void Install(KubeletNode node)
    {
        Directory.CreateDirectory(node.Paths.CniBinDirectory);
        var path = Path.Combine(node.Paths.CniBinDirectory, Type);
        File.WriteAllText(path, "#!/bin/sh\necho \"$CNI_COMMAND $CNI_CONTAINERID\" >> /var/lib/cni/calls.log\nexec /opt/cni/bin/bridge \"$@\"\n");
#pragma warning disable CA1416 // Linux only.
        File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32("755", 8));
#pragma warning restore CA1416
    }

    /// <summary>The logged calls as (command, container id).</summary>
    public static IReadOnlyList<(string Command, string Id)> Calls(KubeletNode node)
    {
        var log = Path.Combine(node.Paths.Owned("/var/lib/cni"), "calls.log");
        return File.Exists(log)
            ? [.. File.ReadAllLines(log).Select(l => l.Split(' ')).Where(p => p.Length == 2).Select(p => (p[0], p[1]))]
            : [];
    }
}
