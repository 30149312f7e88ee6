namespace Ovnk.Lab.Kubelet.Pods;

/// <summary>Small path helper for directories that may not exist yet.</summary>
internal static class DirectoryExtensions
{
    /// <summary>Creates the directory when missing and returns its path.</summary>
    public static string EnsureExists(this string directory)
    {
        Directory.CreateDirectory(directory);
        return directory;
    }
}
