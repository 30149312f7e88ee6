namespace Ovnk.Lab.Kubelet.Containers;

/// <summary>
/// Size-based rotation of a running container's log (kubelet's containerLogMaxSize). The container appends with
/// O_APPEND, so copy-then-truncate is safe: its next write lands at the new end. One rotated file is kept (N.log.1).
/// </summary>
public static class LogRotation
{
    /// <summary>Rotates <paramref name="path"/> when it is larger than <paramref name="maxBytes"/>; returns true if it did.</summary>
    public static bool RotateIfLarge(string path, long maxBytes)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length <= maxBytes) return false;
        File.Copy(path, path + ".1", overwrite: true);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        stream.SetLength(0);
        return true;
    }
}
