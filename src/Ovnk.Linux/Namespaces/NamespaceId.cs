using Ovnk.Linux.Native;

namespace Ovnk.Linux.Namespaces;

/// <summary>
/// A namespace's identity: the (device, inode) pair of its nsfs file. Two paths name the same namespace exactly when
/// their ids are equal (namespaces(7), "The /proc/[pid]/ns/ directory").
/// </summary>
public readonly record struct NamespaceId(ulong Device, ulong Inode)
{
    /// <summary>The id of the namespace the path (a bind mount or /proc/.../ns/* link) refers to.</summary>
    public static unsafe NamespaceId Of(string path)
    {
        // struct stat is 144 bytes on x86_64 and 128 on arm64; st_dev and st_ino are its first two 8-byte fields on both.
        var buffer = stackalloc ulong[32];
        if (Libc.Stat(path, buffer) != 0)
        {
            throw new NamespaceException(Libc.LastErrno(), "stat namespace file", path);
        }

        return new NamespaceId(buffer[0], buffer[1]);
    }

    /// <summary>The namespace of the given kind the calling thread is in now.</summary>
    public static NamespaceId OfCurrentThread(NamespaceKind kind) => Of(NamespaceKindInfo.ThreadSelfPath(kind));
}
