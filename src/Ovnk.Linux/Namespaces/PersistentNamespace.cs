using Ovnk.Linux.Native;

namespace Ovnk.Linux.Namespaces;

/// <summary>
/// Namespaces that outlive any process: a new namespace's nsfs file bind-mounted onto an empty file, as
/// `ip netns add` and `unshare --net=FILE/--mount=FILE/--uts=FILE` do. Delete unmounts and removes the file; the
/// kernel frees the namespace once nothing else holds it.
/// </summary>
public static class PersistentNamespace
{
    /// <summary>
    /// Creates a new namespace of <paramref name="kind"/> kept alive by a bind mount on <paramref name="path"/> (which
    /// must not exist). A mount namespace's file must sit on a private mount (the kernel refuses a propagating one), so
    /// its directory is made a private mount point first (a bind mount onto itself, left in place for later files;
    /// unmount it when the last one is deleted).
    /// </summary>
    public static void Create(NamespaceKind kind, string path) => Create(kind, path, MountPropagation.Private);

    /// <summary>
    /// As <see cref="Create(NamespaceKind, string)"/>, choosing how a new mount namespace's mounts propagate:
    /// <see cref="MountPropagation.Slave"/> keeps receiving the host's new mounts (e.g. `/run/netns` entries) while its
    /// own mounts stay inside. Ignored for other kinds.
    /// </summary>
    public static void Create(NamespaceKind kind, string path, MountPropagation propagation)
    {
        var operation = $"create {kind} namespace";
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";
        Directory.CreateDirectory(directory);
        if (kind == NamespaceKind.Mount)
        {
            MountPoints.EnsurePrivateMountPoint(directory, operation);
        }

        CreateEmptyFile(path, operation);
        try
        {
            OneShotThread.Run(() => kind == NamespaceKind.Mount ? CreateMountNamespace(path, propagation) : CreateSimple(kind, path));
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Unmounts and removes a namespace file made by <see cref="Create"/>.</summary>
    public static void Delete(string path)
    {
        if (!File.Exists(path))
        {
            throw new NamespaceException(Errno.ENOENT, "delete namespace", path, "no such namespace file");
        }

        // MNT_DETACH as iproute2's `ip netns del`: a namespace still entered by some process must not block the delete.
        if (Libc.Umount2(path, Libc.MntDetach) != 0 && Libc.LastErrno() is var errno && errno != Errno.EINVAL)
        {
            throw new NamespaceException(errno, "unmount namespace", path);
        }

        File.Delete(path);
    }

    private static void CreateEmptyFile(string path, string operation)
    {
        var fd = Libc.Open(path, Libc.ORdOnly | Libc.OCreat | Libc.OExcl | Libc.OCloExec, 0);
        if (fd < 0)
        {
            var errno = Libc.LastErrno();
            var detail = errno == Errno.EEXIST ? "a namespace with that name already exists" : $"cannot create {path}";
            throw new NamespaceException(errno, operation, path, detail);
        }

        Libc.Close(fd);
    }

    private static bool CreateSimple(NamespaceKind kind, string path)
    {
        if (Libc.Unshare(NamespaceKindInfo.CloneFlag(kind)) != 0)
        {
            throw new NamespaceException(Libc.LastErrno(), $"unshare {kind}", path);
        }

        MountPoints.Bind(NamespaceKindInfo.ThreadSelfPath(kind), path, $"create {kind} namespace");
        return true;
    }

    private static bool CreateMountNamespace(string path, MountPropagation propagation)
    {
        using var before = FileDescriptor.OpenReadOnly("/proc/thread-self/ns/mnt", "create mount namespace", path);
        if (Libc.Unshare(Libc.CloneFs | Libc.CloneNewNs) != 0)
        {
            throw new NamespaceException(Libc.LastErrno(), "unshare mount namespace", path);
        }

        // Private like `unshare --propagation private` (LAB-NOTES item 11): mounts made inside stay inside. Slave
        // (`--propagation slave`) also keeps them inside but still receives the host's new mounts.
        var flag = propagation == MountPropagation.Slave ? Libc.MsSlave : Libc.MsPrivate;
        if (Libc.Mount(null, "/", null, Libc.MsRec | flag, 0) != 0)
        {
            throw new NamespaceException(Libc.LastErrno(), "make mount namespace private", path);
        }

        using var created = FileDescriptor.OpenReadOnly("/proc/thread-self/ns/mnt", "create mount namespace", path);

        // The bind mount must be made from the original namespace, so the file is visible there.
        if (Libc.SetNs(before.Fd, Libc.CloneNewNs) != 0)
        {
            throw new NamespaceException(Libc.LastErrno(), "return to the original mount namespace", path);
        }

        MountPoints.Bind($"/proc/thread-self/fd/{created.Fd}", path, "create mount namespace");
        return true;
    }
}
