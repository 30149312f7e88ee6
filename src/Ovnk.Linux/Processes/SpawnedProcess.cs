using Ovnk.Linux.Native;

namespace Ovnk.Linux.Processes;

/// <summary>
/// A child started by <see cref="ProcessSpawner"/>: its pid, our ends of its pipes, and its exit code. A dedicated
/// thread blocks in waitpid(2) for it (the thread pool never does), so <see cref="Exited"/> completes exactly once
/// and the child is always reaped. Disposing kills a child that is still running (SIGKILL) and waits for it.
/// </summary>
public sealed class SpawnedProcess : IAsyncDisposable
{
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool _group;

    internal SpawnedProcess(int pid, bool ownGroup, FdStream? stdin, FdStream? stdout, FdStream? stderr)
    {
        Pid = pid;
        _group = ownGroup;
        Stdin = stdin;
        Stdout = stdout;
        Stderr = stderr;
        new Thread(Wait) { IsBackground = true, Name = $"ovnk-waitpid-{pid}" }.Start();
    }

    /// <summary>The child's pid (in our pid namespace).</summary>
    public int Pid { get; }

    /// <summary>Writes to the child's stdin when it is a pipe.</summary>
    public FdStream? Stdin { get; }

    /// <summary>Reads the child's stdout when it is a pipe.</summary>
    public FdStream? Stdout { get; }

    /// <summary>Reads the child's stderr when it is a pipe.</summary>
    public FdStream? Stderr { get; }

    /// <summary>The exit code: the status passed to exit(), or 128 + the signal that killed it (as shells report it).</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>Sends <paramref name="signal"/> to the child (to its whole process group when it leads a session).</summary>
    public void Signal(int signal)
    {
        if (!_exited.Task.IsCompleted)
        {
            // ESRCH here is a race with the exit, which Exited reports; nothing to do.
            Libc.Kill(_group ? -Pid : Pid, signal);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Signal(9);
        await _exited.Task.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        Stdin?.Dispose();
        Stdout?.Dispose();
        Stderr?.Dispose();
    }

    /// <summary>The exit code for a waitpid status (wait(2) macros).</summary>
    internal static int Decode(int status)
    {
        var signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }

    private unsafe void Wait()
    {
        int status;
        while (Libc.WaitPid(Pid, &status, 0) < 0)
        {
            var errno = Libc.LastErrno();
            if (errno != Errno.EINTR)
            {
                _exited.TrySetException(new SystemCallException(errno, "waitpid", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "someone else reaped the child (a SIGCHLD handler that waits for every child?)"));
                return;
            }
        }
        _exited.TrySetResult(Decode(status));
    }
}
