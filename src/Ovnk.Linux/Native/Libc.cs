using System.Runtime.InteropServices;

namespace Ovnk.Linux.Native;

/// <summary>The libc calls this library needs; every one sets errno, read with Marshal.GetLastPInvokeError.</summary>
internal static unsafe partial class Libc
{
    private const string Lib = "libc";

    // <sched.h> clone flags (linux/sched.h).
    internal const int CloneFs = 0x00000200;
    internal const int CloneNewNs = 0x00020000;
    internal const int CloneNewUts = 0x04000000;
    internal const int CloneNewNet = 0x40000000;

    // <fcntl.h>
    internal const int ORdOnly = 0;
    internal const int OCreat = 0x40;
    internal const int OExcl = 0x80;
    internal const int OCloExec = 0x80000;

    // <sys/mount.h>
    internal const ulong MsBind = 0x1000;
    internal const ulong MsRec = 0x4000;
    internal const ulong MsPrivate = 1 << 18;
    internal const ulong MsSlave = 1 << 19;
    internal const ulong MsShared = 1 << 20;
    internal const int MntDetach = 2;

    [LibraryImport(Lib, EntryPoint = "unshare", SetLastError = true)]
    internal static partial int Unshare(int flags);

    [LibraryImport(Lib, EntryPoint = "setns", SetLastError = true)]
    internal static partial int SetNs(int fd, int nstype);

    [LibraryImport(Lib, EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Mount(string? source, string target, string? fstype, ulong flags, nint data);

    [LibraryImport(Lib, EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Umount2(string target, int flags);

    [LibraryImport(Lib, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags, int mode);

    [LibraryImport(Lib, EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Stat(string path, ulong* buffer);

    [LibraryImport(Lib, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport(Lib, EntryPoint = "gettid")]
    internal static partial int GetTid();

    [LibraryImport(Lib, EntryPoint = "sethostname", SetLastError = true)]
    internal static partial int SetHostName(byte* name, nuint length);

    [LibraryImport(Lib, EntryPoint = "socket", SetLastError = true)]
    internal static partial int Socket(int domain, int type, int protocol);

    [LibraryImport(Lib, EntryPoint = "bind", SetLastError = true)]
    internal static partial int Bind(int fd, void* address, uint length);

    [LibraryImport(Lib, EntryPoint = "getsockname", SetLastError = true)]
    internal static partial int GetSockName(int fd, void* address, uint* length);

    [LibraryImport(Lib, EntryPoint = "setsockopt", SetLastError = true)]
    internal static partial int SetSockOpt(int fd, int level, int name, void* value, uint length);

    [LibraryImport(Lib, EntryPoint = "send", SetLastError = true)]
    internal static partial nint Send(int fd, void* buffer, nuint length, int flags);

    [LibraryImport(Lib, EntryPoint = "recv", SetLastError = true)]
    internal static partial nint Recv(int fd, void* buffer, nuint length, int flags);

    [LibraryImport(Lib, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(int fd, ulong request, void* argument);

    /// <summary>errno of the last failed call on this thread.</summary>
    internal static Errno LastErrno() => (Errno)Marshal.GetLastPInvokeError();
}
