using Ovnk.Linux.Native;

namespace Ovnk.Linux.Namespaces;

/// <summary>
/// Bind mounts in the calling thread's mount namespace: call inside <see cref="NamespaceRunner"/> with a
/// <see cref="NamespaceSet.Mount"/> to change what that namespace sees (a lab node's own /etc/cni/net.d, …).
/// </summary>
public static class BindMounts
{
    /// <summary>Bind-mounts <paramref name="source"/> onto <paramref name="target"/> (both must exist).</summary>
    public static void Bind(string source, string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(target);
        MountPoints.Bind(source, target, "bind mount");
    }

    /// <summary>True when <paramref name="target"/> already shows <paramref name="source"/> (same device and inode).</summary>
    public static bool IsBound(string source, string target) =>
        Path.Exists(target) && Path.Exists(source) && NamespaceId.Of(source) == NamespaceId.Of(target);

    /// <summary>Detaches the mount on <paramref name="target"/>; a target that is not a mount point is left alone.</summary>
    public static void Unmount(string target)
    {
        if (Libc.Umount2(target, Libc.MntDetach) != 0 && Libc.LastErrno() is var errno && errno is not (Errno.EINVAL or Errno.ENOENT))
        {
            throw new NamespaceException(errno, "unmount", target);
        }
    }
}
