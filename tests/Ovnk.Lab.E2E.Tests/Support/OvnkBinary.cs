namespace Ovnk.Lab.E2E.Tests.Support;

/// <summary>The published ovnk of this repo (.build/current/ovnk, what `./ovnk` and `lab reload` use).</summary>
public static class OvnkBinary
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Path { get; } = Locate();

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Ovnk.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no Ovnk.slnx above {AppContext.BaseDirectory}: run the end-to-end tests from a repo build (./test.sh)");
    }

    private static string Locate()
    {
        var path = System.IO.Path.Combine(RepoRoot, ".build", "current", "ovnk");
        return File.Exists(path) ? path
            : throw new InvalidOperationException($"{path} is missing: run scripts/build.sh (./test.sh does) before the end-to-end tests");
    }
}
