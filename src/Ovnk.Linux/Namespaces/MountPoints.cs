using Ovnk.Linux.Native;

namespace Ovnk.Linux.Namespaces;

/// <summary>The few mount(2) calls namespace files need.</summary>
internal static class MountPoints
{
    public static void Bind(string source, string target, string operation)
    {
        if (Libc.Mount(source, target, "none", Libc.MsBind, 0) != 0)
        {
            throw new NamespaceException(Libc.LastErrno(), operation, target, $"bind mount of {source} failed");
        }
    }

    /// <summary>
    /// Gives <paramref name="directory"/> the propagation <paramref name="flag"/> (MS_SHARED or MS_PRIVATE), first
    /// making it a mount point (a bind mount onto itself) when it is not one — the steps of iproute2's netns_add.
    /// </summary>
    public static void EnsurePropagation(string directory, ulong flag, string operation)
    {
        if (Libc.Mount("", directory, "none", flag | Libc.MsRec, 0) == 0)
        {
            return;
        }

        var errno = Libc.LastErrno();
        if (errno != Errno.EINVAL)
        {
            throw new NamespaceException(errno, operation, directory, "cannot set mount propagation");
        }

        if (Libc.Mount(directory, directory, "none", Libc.MsBind | Libc.MsRec, 0) != 0)
        {
            throw new NamespaceException(Libc.LastErrno(), operation, directory, "cannot make it a mount point");
        }

        if (Libc.Mount("", directory, "none", flag | Libc.MsRec, 0) != 0)
        {
            throw new NamespaceException(Libc.LastErrno(), operation, directory, "cannot set mount propagation");
        }
    }

    /// <summary>
    /// Makes <paramref name="directory"/> a private mount point without touching any existing mount: unless its top
    /// mount is already non-shared, the directory is bind-mounted onto itself and only that new mount is made private.
    /// (Changing an existing mount such as / or /tmp to private would cut propagation for everything under it.)
    /// </summary>
    public static void EnsurePrivateMountPoint(string directory, string operation)
    {
        var top = File.ReadLines("/proc/self/mountinfo").Select(line => line.Split(' ')).LastOrDefault(f => f.Length > 6 && Unescape(f[4]) == directory);
        if (top is not null && !top.Skip(6).TakeWhile(f => f != "-").Any(f => f.StartsWith("shared:", StringComparison.Ordinal)))
        {
            return;
        }

        if (Libc.Mount(directory, directory, "none", Libc.MsBind, 0) != 0)
        {
            throw new NamespaceException(Libc.LastErrno(), operation, directory, "cannot make it a mount point");
        }

        if (Libc.Mount("", directory, "none", Libc.MsPrivate, 0) != 0)
        {
            throw new NamespaceException(Libc.LastErrno(), operation, directory, "cannot make the mount point private");
        }
    }

    /// <summary>/proc/self/mountinfo writes space, tab, newline and backslash as octal escapes (\040...).</summary>
    private static string Unescape(string field) =>
        System.Text.RegularExpressions.Regex.Replace(field, @"\\([0-7]{3})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString());
}
