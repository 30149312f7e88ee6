using Ovnk.Lab.Cluster;

namespace Ovnk.Lab.E2E.Tests.Support;

/// <summary>What a lab leaves on the machine: processes it started, namespaces, mounts, links, its state dir.</summary>
public sealed record LabLeftovers(IReadOnlyList<string> Items)
{
    /// <summary>Every process a lab's pid files name (API server, kubelets, containers), read while the lab exists.</summary>
    public static IReadOnlyList<ProcessIdentity> RecordedProcesses(LabPaths paths) =>
        [.. Directory.EnumerateFiles(paths.Root, "*.pid", SearchOption.AllDirectories)
            .Select(PidFile.Read).OfType<ProcessIdentity>()];

    public static LabLeftovers Find(string name, LabPaths paths, IEnumerable<ProcessIdentity> processes)
    {
        var items = new List<string>();
        items.AddRange(processes.Where(p => p.IsAlive).Select(p => $"process {p.Pid}"));
        items.AddRange(Ovnk.Linux.Namespaces.NetNs.List().Where(n => n.StartsWith(name + "-", StringComparison.Ordinal)).Select(n => "netns " + n));
        items.AddRange(File.ReadLines("/proc/self/mountinfo")
            .Where(l => l.Contains(paths.Root, StringComparison.Ordinal) || l.Contains("/" + name + "-", StringComparison.Ordinal))
            .Select(l => "mount " + l));
        foreach (var dir in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains(paths.Root, StringComparison.Ordinal)) items.Add($"process {Path.GetFileName(dir)}: {cmdline}");
            }
            catch (IOException)
            {
                // Exited meanwhile.
            }
        }
        if (Directory.Exists(paths.Root)) items.Add("state dir " + paths.Root);
        return new LabLeftovers(items);
    }
}
