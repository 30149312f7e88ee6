using Ovnk.Linux.Native;

namespace Ovnk.Linux.Namespaces;

/// <summary>
/// An open namespace file, checked to be a namespace of the expected kind (ioctl NS_GET_NSTYPE, ioctl_ns(2)), so a
/// wrong path fails here with a clear message instead of as EINVAL from setns later. Holding it keeps the namespace
/// alive even if its bind mount is removed.
/// </summary>
public sealed class NamespaceHandle : IDisposable
{
    private const ulong NsGetNsType = 0xb703; // _IO(NSIO 0xb7, 0x3)
    private readonly FileDescriptor fd;

    private NamespaceHandle(FileDescriptor fd, string path, NamespaceKind kind, NamespaceId id)
    {
        this.fd = fd;
        Path = path;
        Kind = kind;
        Id = id;
    }

    public string Path { get; }

    public NamespaceKind Kind { get; }

    public NamespaceId Id { get; }

    /// <summary>Opens <paramref name="path"/> and checks it is a namespace of <paramref name="kind"/>.</summary>
    public static unsafe NamespaceHandle Open(string path, NamespaceKind kind)
    {
        ArgumentNullException.ThrowIfNull(path);
        var operation = $"open {kind} namespace";
        var fd = FileDescriptor.OpenReadOnly(path, operation, path);
        var type = Libc.Ioctl(fd.Fd, NsGetNsType, null);
        if (type == NamespaceKindInfo.CloneFlag(kind))
        {
            return new NamespaceHandle(fd, path, kind, NamespaceId.Of(path));
        }

        var errno = type < 0 ? Libc.LastErrno() : Errno.EINVAL;
        fd.Dispose();
        throw new NamespaceException(errno, operation, path, $"the file is not a {kind} namespace (a bind-mounted nsfs file or /proc/PID/ns/{NamespaceKindInfo.ProcName(kind)} is needed)");
    }

    /// <summary>The raw descriptor, for IFLA_NET_NS_FD or setns; valid while this handle is not disposed.</summary>
    internal int Fd => fd.Fd;

    public void Dispose() => fd.Dispose();
}
