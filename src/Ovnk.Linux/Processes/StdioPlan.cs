using Ovnk.Linux.Native;

namespace Ovnk.Linux.Processes;

/// <summary>
/// The pipes made for one spawn: the child's ends are closed here after the spawn (dispose), ours become streams
/// handed to <see cref="SpawnedProcess"/>; on failure everything is closed, so nothing leaks.
/// </summary>
internal sealed unsafe class StdioPlan : IDisposable
{
    private readonly List<int> _childEnds = [];
    private readonly FdStream?[] _ours = new FdStream?[3];
    private string? _terminalPath;
    private int _terminalFd = -1;

    /// <summary>Adds the file actions that give the child descriptor <paramref name="fd"/> its target.</summary>
    public void Add(byte* actions, int fd, StdioTarget target, bool input)
    {
        switch (target)
        {
            case StdioTarget.InheritTarget:
                break;
            case StdioTarget.FileTarget file:
                var flags = input ? Libc.ORdOnly : Libc.OWrOnly | Libc.OCreat | (file.Append ? Libc.OAppend : Libc.OTrunc);
                Check(Libc.SpawnFileActionsAddOpen(actions, fd, file.Path, flags, 0x1a4 /* 0644 */));
                break;
            case StdioTarget.TerminalTarget terminal when _terminalPath == terminal.Pty.SlavePath:
                Check(Libc.SpawnFileActionsAddDup2(actions, _terminalFd, fd));
                break;
            case StdioTarget.TerminalTarget terminal:
                // Opened (not dup'ed) in the child after setsid: the first open of a tty makes it the controlling one.
                Check(Libc.SpawnFileActionsAddOpen(actions, fd, terminal.Pty.SlavePath, Libc.ORdWr, 0));
                (_terminalPath, _terminalFd) = (terminal.Pty.SlavePath, fd);
                break;
            case StdioTarget.PipeTarget:
                var fds = stackalloc int[2];
                if (Libc.Pipe2(fds, Libc.OCloExec) != 0)
                {
                    throw new SystemCallException(Libc.LastErrno(), "pipe2", null);
                }
                var (childEnd, ourEnd) = input ? (fds[0], fds[1]) : (fds[1], fds[0]);
                _childEnds.Add(childEnd);
                _ours[fd] = new FdStream(ourEnd, write: input);
                Check(Libc.SpawnFileActionsAddDup2(actions, childEnd, fd));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(target), target, "unknown stdio target");
        }
    }

    public FdStream? TakeStdin() => Take(0);

    public FdStream? TakeStdout() => Take(1);

    public FdStream? TakeStderr() => Take(2);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var fd in _childEnds)
        {
            Libc.Close(fd);
        }
        foreach (var stream in _ours)
        {
            stream?.Dispose();
        }
    }

    private FdStream? Take(int fd)
    {
        var stream = _ours[fd];
        _ours[fd] = null;
        return stream;
    }

    private static void Check(int error)
    {
        if (error != 0)
        {
            throw new SystemCallException((Errno)error, "posix_spawn file action", null);
        }
    }
}
