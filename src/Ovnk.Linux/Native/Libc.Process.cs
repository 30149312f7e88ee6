using System.Runtime.InteropServices;

namespace Ovnk.Linux.Native;

/// <summary>
/// The libc calls of the process spawner (posix_spawn(3) with file actions, waitpid(2), kill(2)), the pseudo-terminal
/// (/dev/ptmx ioctls, pty(7)) and the epoll readiness loop behind <see cref="Processes.FdStream"/>.
/// posix_spawn returns its error number instead of setting errno.
/// </summary>
internal static unsafe partial class Libc
{
    // posix_spawn.h attribute flags (glibc).
    internal const short PosixSpawnSetSigDef = 0x04;
    internal const short PosixSpawnSetSigMask = 0x08;
    internal const short PosixSpawnSetSid = 0x80;

    // glibc's posix_spawn_file_actions_t is 80 bytes and posix_spawnattr_t 336 on x86-64/arm64; sigset_t is 128.
    // The buffers are larger so a future glibc growing them cannot overrun native memory.
    internal const int SpawnFileActionsSize = 256;
    internal const int SpawnAttrSize = 1024;
    internal const int SigSetSize = 128;

    internal const int ORdWr = 2;
    internal const int OWrOnly = 1;
    internal const int OAppend = 0x400;
    internal const int ONonBlock = 0x800;
    internal const int ONoCtty = 0x100;
    internal const int OTrunc = 0x200;

    internal const int FGetFl = 3;
    internal const int FSetFl = 4;
    internal const int FDupFdCloExec = 1030;

    // asm-generic/ioctls.h
    internal const ulong TiocGWinSz = 0x5413;
    internal const ulong TiocSWinSz = 0x5414;
    internal const ulong TiocGPtn = 0x80045430;
    internal const ulong TiocSPtLck = 0x40045431;

    // sys/epoll.h
    internal const int EpollCloExec = OCloExec;
    internal const int EpollCtlAdd = 1;
    internal const int EpollCtlDel = 2;
    internal const int EpollCtlMod = 3;
    internal const uint EpollIn = 0x001;
    internal const uint EpollOut = 0x004;
    internal const uint EpollErr = 0x008;
    internal const uint EpollHup = 0x010;
    internal const uint EpollOneShot = 1u << 30;

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_init")]
    internal static partial int SpawnFileActionsInit(void* actions);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_destroy")]
    internal static partial int SpawnFileActionsDestroy(void* actions);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_adddup2")]
    internal static partial int SpawnFileActionsAddDup2(void* actions, int fd, int newFd);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_addopen", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SpawnFileActionsAddOpen(void* actions, int fd, string path, int flags, int mode);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_addchdir_np", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SpawnFileActionsAddChdir(void* actions, string path);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_addclosefrom_np")]
    internal static partial int SpawnFileActionsAddCloseFrom(void* actions, int from);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_init")]
    internal static partial int SpawnAttrInit(void* attr);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_destroy")]
    internal static partial int SpawnAttrDestroy(void* attr);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_setflags")]
    internal static partial int SpawnAttrSetFlags(void* attr, short flags);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_setsigmask")]
    internal static partial int SpawnAttrSetSigMask(void* attr, void* sigset);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_setsigdefault")]
    internal static partial int SpawnAttrSetSigDefault(void* attr, void* sigset);

    [LibraryImport(Lib, EntryPoint = "sigemptyset")]
    internal static partial int SigEmptySet(void* set);

    [LibraryImport(Lib, EntryPoint = "sigaddset")]
    internal static partial int SigAddSet(void* set, int signal);

    [LibraryImport(Lib, EntryPoint = "posix_spawn")]
    internal static partial int PosixSpawn(int* pid, byte* path, void* actions, void* attr, byte** argv, byte** envp);

    [LibraryImport(Lib, EntryPoint = "waitpid", SetLastError = true)]
    internal static partial int WaitPid(int pid, int* status, int options);

    [LibraryImport(Lib, EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);

    [LibraryImport(Lib, EntryPoint = "pipe2", SetLastError = true)]
    internal static partial int Pipe2(int* fds, int flags);

    [LibraryImport(Lib, EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport(Lib, EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport(Lib, EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport(Lib, EntryPoint = "epoll_create1", SetLastError = true)]
    internal static partial int EpollCreate1(int flags);

    [LibraryImport(Lib, EntryPoint = "epoll_ctl", SetLastError = true)]
    internal static partial int EpollCtl(int epfd, int op, int fd, EpollEvent* ev);

    [LibraryImport(Lib, EntryPoint = "epoll_wait", SetLastError = true)]
    internal static partial int EpollWait(int epfd, EpollEvent* events, int maxEvents, int timeout);

    /// <summary>struct epoll_event as x86-64 declares it (packed, 12 bytes: Pack = 4); the lab runs on x86-64 only.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    internal struct EpollEvent
    {
        public uint Events;
        public ulong Data;
    }

    /// <summary>struct winsize (asm-generic/termios.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct WinSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort XPixels;
        public ushort YPixels;
    }
}
