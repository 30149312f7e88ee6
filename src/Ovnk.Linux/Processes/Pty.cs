using Ovnk.Linux.Native;

namespace Ovnk.Linux.Processes;

/// <summary>
/// A pseudo-terminal pair (pty(7)): the master stays with us, the slave becomes a process's stdin/stdout/stderr and
/// controlling terminal (see <see cref="StdioTarget.Terminal"/>). Opened from /dev/ptmx with O_CLOEXEC so no other
/// child started meanwhile inherits it — a leaked slave would keep the session alive after its process exits.
/// </summary>
public sealed unsafe class Pty : IDisposable
{
    private readonly FileDescriptor _master;

    private Pty(FileDescriptor master, string slavePath)
    {
        _master = master;
        SlavePath = slavePath;
    }

    /// <summary>The slave's path, e.g. /dev/pts/7.</summary>
    public string SlavePath { get; }

    /// <summary>Opens a new pair with the given window size.</summary>
    public static Pty Open(ushort columns = 80, ushort rows = 24)
    {
        var fd = Libc.Open("/dev/ptmx", Libc.ORdWr | Libc.ONoCtty | Libc.OCloExec, 0);
        if (fd < 0)
        {
            throw new SystemCallException(Libc.LastErrno(), "open", "/dev/ptmx", "mount devpts on /dev/pts (the lab needs pseudo-terminals for exec -t).");
        }
        var master = new FileDescriptor(fd);
        try
        {
            var unlock = 0;
            var number = 0;
            if (Libc.Ioctl(fd, Libc.TiocSPtLck, &unlock) != 0 || Libc.Ioctl(fd, Libc.TiocGPtn, &number) != 0)
            {
                throw new SystemCallException(Libc.LastErrno(), "unlock pty", "/dev/ptmx");
            }
            var pty = new Pty(master, $"/dev/pts/{number}");
            pty.Resize(columns, rows);
            return pty;
        }
        catch
        {
            master.Dispose();
            throw;
        }
    }

    /// <summary>Sets the window size (TIOCSWINSZ); the session's foreground process group gets SIGWINCH.</summary>
    public void Resize(ushort columns, ushort rows)
    {
        var size = new Libc.WinSize { Columns = columns, Rows = rows };
        if (Libc.Ioctl(_master.Fd, Libc.TiocSWinSz, &size) != 0)
        {
            throw new SystemCallException(Libc.LastErrno(), "resize terminal", SlavePath);
        }
    }

    /// <summary>The current window size (TIOCGWINSZ).</summary>
    public (ushort Columns, ushort Rows) Size
    {
        get
        {
            var size = default(Libc.WinSize);
            if (Libc.Ioctl(_master.Fd, Libc.TiocGWinSz, &size) != 0)
            {
                throw new SystemCallException(Libc.LastErrno(), "get terminal size", SlavePath);
            }
            return (size.Columns, size.Rows);
        }
    }

    /// <summary>A new stream reading (or writing) the master; each is its own descriptor (dup), owned by the stream.</summary>
    public FdStream OpenMaster(bool write)
    {
        var fd = Libc.Fcntl(_master.Fd, Libc.FDupFdCloExec, 0);
        if (fd < 0)
        {
            throw new SystemCallException(Libc.LastErrno(), "dup pty master", SlavePath);
        }
        return new FdStream(fd, write);
    }

    /// <inheritdoc />
    public void Dispose() => _master.Dispose();
}
