namespace Ovnk.Linux.Tests.Support;

/// <summary>A temporary directory removed on dispose (after the test unmounted what it mounted there).</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("ovnk-linux-").FullName;
    }

    public string Path { get; }

    public void Dispose()
    {
        Ovnk.Linux.Tests.Support.Mounts.UnmountAllUnder(Path);
        Directory.Delete(Path, recursive: true);
    }
}
