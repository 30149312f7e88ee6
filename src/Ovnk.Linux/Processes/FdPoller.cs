using System.Collections.Concurrent;
using Ovnk.Linux.Native;

namespace Ovnk.Linux.Processes;

/// <summary>
/// Readiness for non-blocking pipe and terminal descriptors: one epoll instance served by one dedicated thread, so
/// waiting for a child's output costs no thread-pool thread (a blocked read there would starve the pool on 2 cores).
/// Registrations are one-shot: each wait arms the descriptor once and completes on the first event (or hang-up).
/// </summary>
internal sealed class FdPoller
{
    private static readonly Lazy<FdPoller> Instance = new(() => new FdPoller());
    private readonly int _epoll;
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _waiters = new();

    private FdPoller()
    {
        _epoll = Libc.EpollCreate1(Libc.EpollCloExec);
        if (_epoll < 0)
        {
            throw new SystemCallException(Libc.LastErrno(), "epoll_create1", null);
        }
        new Thread(Loop) { IsBackground = true, Name = "ovnk-fd-poller" }.Start();
    }

    /// <summary>The process-wide poller.</summary>
    public static FdPoller Shared => Instance.Value;

    /// <summary>Completes when <paramref name="fd"/> is readable (or writable), hung up or in error.</summary>
    public async Task WaitAsync(int fd, bool write, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_waiters.TryAdd(fd, waiter))
        {
            throw new InvalidOperationException($"descriptor {fd} already has a pending wait: one reader and one writer per descriptor");
        }
        Arm(fd, write);
        try
        {
            using (cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken)))
            {
                await waiter.Task.ConfigureAwait(false);
            }
        }
        finally
        {
            _waiters.TryRemove(new KeyValuePair<int, TaskCompletionSource>(fd, waiter));
            Disarm(fd);
        }
    }

    private unsafe void Arm(int fd, bool write)
    {
        var ev = new Libc.EpollEvent { Events = (write ? Libc.EpollOut : Libc.EpollIn) | Libc.EpollOneShot, Data = (ulong)fd };
        if (Libc.EpollCtl(_epoll, Libc.EpollCtlAdd, fd, &ev) != 0)
        {
            var errno = Libc.LastErrno();
            _waiters.TryRemove(fd, out _);
            throw new SystemCallException(errno, "epoll_ctl add", $"fd {fd}");
        }
    }

    private unsafe void Disarm(int fd) => Libc.EpollCtl(_epoll, Libc.EpollCtlDel, fd, null);

    /// <summary>Fails a pending wait on <paramref name="fd"/> (its stream is being disposed).</summary>
    public void Abort(int fd)
    {
        if (_waiters.TryRemove(fd, out var waiter))
        {
            waiter.TrySetException(new ObjectDisposedException(nameof(FdStream), $"descriptor {fd} was closed while waiting"));
        }
    }

    private unsafe void Loop()
    {
        const int Max = 64;
        var events = stackalloc Libc.EpollEvent[Max];
        while (true)
        {
            var n = Libc.EpollWait(_epoll, events, Max, -1);
            for (var i = 0; i < n; i++)
            {
                if (_waiters.TryGetValue((int)events[i].Data, out var waiter))
                {
                    waiter.TrySetResult();
                }
            }
        }
    }
}
