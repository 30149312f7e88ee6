namespace Ovnk.TestSupport;

/// <summary>A directory under /tmp removed on dispose, even when the test failed.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Creates a fresh directory whose name starts with <paramref name="prefix"/>.</summary>
    public TempDirectory(string prefix = "ovnk-test") =>
        Path = Directory.CreateTempSubdirectory(prefix + "-").FullName;

    /// <summary>The directory.</summary>
    public string Path { get; }

    /// <summary>A path inside the directory.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A daemon may still be closing a file; the next run does not reuse the name.
        }
    }
}
