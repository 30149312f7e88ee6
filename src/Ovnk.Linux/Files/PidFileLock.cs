using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Ovnk.Linux.Files;

/// <summary>
/// Who holds the POSIX write lock on a daemon's pid file (fcntl(2) F_GETLK). OVS and OVN daemons lock their
/// <c>--pidfile</c> for as long as they run (lib/daemon-unix.c), so the lock — not the pid written in the file, which
/// may have been reused by another process — tells whether a previous incarnation still runs. The answer is the same
/// from any mount namespace, because the lock belongs to the file itself.
/// </summary>
public static partial class PidFileLock
{
    private const int FGetLk = 5;          // <fcntl.h> on x86_64 and arm64 (F_GETLK == F_GETLK64 on 64-bit)
    private const short FWrLck = 1;
    private const short FUnLck = 2;

    /// <summary>struct flock (64-bit glibc): l_type, l_whence, (pad), l_start, l_len, l_pid, (pad).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Flock
    {
        public short Type;
        public short Whence;
        public long Start;
        public long Length;
        public int Pid;
    }

    /// <summary>
    /// The pid of the process holding a lock on <paramref name="path"/>, or null when the file does not exist or
    /// nobody locks it (a stale pid file). 0 means "locked by a process in another pid namespace".
    /// </summary>
    public static int? Holder(string path)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        using (handle)
        {
            // F_GETLK asks "could I take a write lock over the whole file?"; the kernel answers with the blocker.
            var query = new Flock { Type = FWrLck, Whence = 0, Start = 0, Length = 0 };
            if (Fcntl(handle.DangerousGetHandle().ToInt32(), FGetLk, ref query) != 0)
                throw new IOException($"fcntl(F_GETLK) on {path} failed with errno {Marshal.GetLastPInvokeError()}");
            return query.Type == FUnLck ? null : query.Pid;
        }
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, ref Flock flock);
}
