using System.Runtime.InteropServices;

namespace Ovnk.Linux.Files;

/// <summary>
/// Owner and mode of a path without following symlinks (lstat(2)). .NET exposes the mode but not the owner, and the
/// CNI socket directory must be root-owned.
/// </summary>
public static partial class FileStatus
{
    private const int S_IFMT = 0xF000, S_IFDIR = 0x4000, S_IFLNK = 0xA000;

    /// <summary>The owner and <c>st_mode</c> of a path.</summary>
    public readonly record struct Info(uint Uid, uint Mode)
    {
        /// <summary>True for a directory.</summary>
        public bool IsDirectory => (Mode & S_IFMT) == S_IFDIR;
        /// <summary>True for a symbolic link (lstat does not follow it).</summary>
        public bool IsSymlink => (Mode & S_IFMT) == S_IFLNK;

        /// <summary>Permission bits including setuid/setgid/sticky (07777).</summary>
        public int Permissions => (int)(Mode & 0xFFF);
    }

    /// <summary>lstat(2); throws <see cref="IOException"/> carrying errno when the call fails.</summary>
    public static Info LStat(string path)
    {
        // struct stat layout (glibc): x86_64 has st_mode at 24 and st_uid at 28 (st_nlink is 64-bit there);
        // the generic layout of arm64 has st_mode at 16 and st_uid at 24. 256 bytes covers both (144 / 128).
        var (modeOffset, uidOffset) = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => (24, 28),
            Architecture.Arm64 => (16, 24),
            var other => throw new PlatformNotSupportedException($"lstat layout for {other} is not known; add it to FileStatus"),
        };
        var buffer = new byte[256];
        if (NativeLStat(path, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"lstat {path}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);
        }
        return new Info(BitConverter.ToUInt32(buffer, uidOffset), BitConverter.ToUInt32(buffer, modeOffset));
    }

    [LibraryImport("libc", EntryPoint = "lstat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeLStat(string path, [Out] byte[] buffer);
}
