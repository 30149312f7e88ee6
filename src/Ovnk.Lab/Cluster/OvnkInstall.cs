namespace Ovnk.Lab.Cluster;

/// <summary>
/// Where the running ovnk comes from: a repo build publishes into .build/releases/HASH and points .build/current at
/// it; the lab runs components through the stable .build/current/ovnk path so `lab reload` can switch them, and
/// finds the repo's deploy/ directory next to it.
/// </summary>
public sealed record OvnkInstall(string Binary, string? RepoRoot)
{
    public string? DeployDirectory => RepoRoot is null ? null : Path.Combine(RepoRoot, "deploy");

    /// <summary>Locates the install from this process's binary.</summary>
    public static OvnkInstall Locate() => Locate(Environment.ProcessPath ?? Path.Combine(AppContext.BaseDirectory, "ovnk"));

    public static OvnkInstall Locate(string processPath)
    {
        var real = new FileInfo(processPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(processPath);
        var repo = FindRepoRoot(Path.GetDirectoryName(real)!) ?? FindRepoRoot(Path.GetDirectoryName(Path.GetFullPath(processPath))!);
        var stable = repo is null ? null : Path.Combine(repo, ".build", "current", "ovnk");
        var binary = stable is not null && File.Exists(stable) ? stable : Path.Combine(Path.GetDirectoryName(real)!, "ovnk");
        return new OvnkInstall(File.Exists(binary) ? binary : real, repo);
    }

    /// <summary>The directory .build/current resolves to now (what a lab started now runs).</summary>
    public string? CurrentRelease =>
        RepoRoot is null ? null : new DirectoryInfo(Path.Combine(RepoRoot, ".build", "current")).ResolveLinkTarget(true)?.FullName;

    private static string? FindRepoRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ovnk.slnx"))) return dir.FullName;
        }
        return null;
    }
}
