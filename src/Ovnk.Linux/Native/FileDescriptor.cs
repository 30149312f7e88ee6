using System.Runtime.InteropServices;

namespace Ovnk.Linux.Native;

/// <summary>An owned file descriptor (ns files, sockets), closed exactly once.</summary>
internal sealed class FileDescriptor : SafeHandle
{
    public FileDescriptor(int fd) : base(-1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle == -1;

    /// <summary>The raw descriptor for a syscall; the caller keeps this object alive across the call.</summary>
    public int Fd => (int)handle;

    /// <summary>Opens a file read-only with O_CLOEXEC (ns files: File.OpenRead fails on nsfs with ESPIPE).</summary>
    public static FileDescriptor OpenReadOnly(string path, string operation, string objectName)
    {
        var fd = Libc.Open(path, Libc.ORdOnly | Libc.OCloExec, 0);
        if (fd < 0)
        {
            throw new NamespaceException(Libc.LastErrno(), operation, objectName, $"cannot open {path}");
        }

        return new FileDescriptor(fd);
    }

    protected override bool ReleaseHandle() => Libc.Close((int)handle) == 0;
}
