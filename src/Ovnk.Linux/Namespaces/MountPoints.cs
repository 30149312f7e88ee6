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
}
