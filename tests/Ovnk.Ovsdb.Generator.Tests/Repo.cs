namespace Ovnk.Ovsdb.Generator.Tests;

/// <summary>Paths in the source tree the tests compare against.</summary>
internal static class Repo
{
    /// <summary>The repository root: the nearest ancestor of the test binary holding Ovnk.slnx.</summary>
    public static string Root { get; } = FindRoot();

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static CancellationToken Bounded() => new CancellationTokenSource(Timeout).Token;

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ovnk.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no Ovnk.slnx above {AppContext.BaseDirectory}; run the tests from the source tree");
    }
}
