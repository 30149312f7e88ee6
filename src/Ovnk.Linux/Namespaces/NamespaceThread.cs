using System.Collections.Concurrent;
using Ovnk.Linux.Native;

namespace Ovnk.Linux.Namespaces;

/// <summary>
/// A dedicated (never thread-pool) thread that enters namespaces with setns, runs one body at a time and goes back
/// (STYLE.md rule 5). It unshares CLONE_FS at start, because setns into a mount namespace fails with EINVAL while the
/// thread shares its fs_struct with the rest of the process (LAB-NOTES item 12). If it cannot return to its original
/// namespaces it retires: it exits and is never handed another body.
/// </summary>
internal sealed class NamespaceThread
{
    private static readonly NamespaceKind[] Kinds = [NamespaceKind.Network, NamespaceKind.Uts, NamespaceKind.Mount];
    [ThreadStatic]
    private static bool failRestore;

    private readonly BlockingCollection<NamespaceWork> inbox = new(boundedCapacity: 1);
    private readonly Dictionary<NamespaceKind, FileDescriptor> original = [];
    private readonly Thread thread;
    private readonly ManualResetEventSlim started = new(false);
    private Exception? startError;

    public NamespaceThread()
    {
        thread = new Thread(Loop) { IsBackground = true, Name = "ovnk-namespace" };
        thread.Start();
        started.Wait(); // not disposed: the thread may still be inside Set()
        if (startError is not null)
        {
            throw startError;
        }
    }

    /// <summary>True once the thread failed to restore its namespaces and exited (or is exiting).</summary>
    public bool Retired { get; private set; }

    /// <summary>
    /// Test hook, called from inside a body: this thread's coming restore uses an invalid fd, so setns really fails
    /// (EBADF). Thread-static, so tests running in parallel are not affected.
    /// </summary>
    internal static void FailRestoreOfCurrentThreadForTests() => failRestore = true;

    public void Post(NamespaceWork work) => inbox.Add(work);

    /// <summary>Lets an idle thread finish its loop and exit.</summary>
    public void Stop() => inbox.CompleteAdding();

    private void Loop()
    {
        try
        {
            Initialise();
        }
        catch (LinuxException e)
        {
            startError = e;
            started.Set();
            return;
        }

        started.Set();
        foreach (var work in inbox.GetConsumingEnumerable())
        {
            Execute(work);
            if (Retired)
            {
                break;
            }
        }

        foreach (var fd in original.Values)
        {
            fd.Dispose();
        }
    }

    private void Initialise()
    {
        if (Libc.Unshare(Libc.CloneFs) != 0)
        {
            throw new NamespaceException(Libc.LastErrno(), "unshare CLONE_FS", "namespace thread");
        }

        foreach (var kind in Kinds)
        {
            original[kind] = FileDescriptor.OpenReadOnly(NamespaceKindInfo.ThreadSelfPath(kind), "open own namespace", kind.ToString());
        }
    }

    private void Execute(NamespaceWork work)
    {
        var entered = new List<NamespaceKind>();
        Exception? failure = null;
        object? value = null;
        try
        {
            Enter(work.Target, entered);
            value = work.Body();
        }
#pragma warning disable CA1031 // every exception of the body belongs to the caller, rethrown on its thread
        catch (Exception e)
#pragma warning restore CA1031
        {
            failure = e;
        }

        var restoreError = Restore(entered);
        if (restoreError is not null)
        {
            Retired = true;
            inbox.CompleteAdding();
            work.Fail(new NamespaceRestoreException(restoreError.Value, work.Target.ToString(), failure));
        }
        else if (failure is not null)
        {
            work.Fail(failure);
        }
        else
        {
            work.Succeed(value);
        }
    }

    private static void Enter(NamespaceSet target, List<NamespaceKind> entered)
    {
        // Open every file before entering anything: inside the mount namespace the paths may not resolve.
        var files = target.Entries()
            .Select(e => (e.Kind, e.Path, Handle: NamespaceHandle.Open(e.Path, e.Kind)))
            .ToList();
        try
        {
            foreach (var (kind, path, handle) in files)
            {
                // A thread the runtime created from this one since the last entry shares our fs_struct again
                // (clone with CLONE_FS), and setns into a mount namespace then fails with EINVAL. Unsharing is a
                // no-op when nothing is shared; it was seen failing intermittently without this.
                if (kind == NamespaceKind.Mount && Libc.Unshare(Libc.CloneFs) != 0)
                {
                    throw new NamespaceException(Libc.LastErrno(), "unshare CLONE_FS", path);
                }

                if (Libc.SetNs(handle.Fd, NamespaceKindInfo.CloneFlag(kind)) != 0)
                {
                    throw new NamespaceException(Libc.LastErrno(), $"enter {kind} namespace", path);
                }

                entered.Add(kind);
            }
        }
        finally
        {
            files.ForEach(f => f.Handle.Dispose());
        }
    }

    private Errno? Restore(List<NamespaceKind> entered)
    {
        for (var i = entered.Count - 1; i >= 0; i--)
        {
            var kind = entered[i];
            var fd = failRestore ? -1 : original[kind].Fd;
            if (kind == NamespaceKind.Mount && Libc.Unshare(Libc.CloneFs) != 0)
            {
                return Libc.LastErrno(); // see Enter: the body may have made the runtime start a thread from here
            }

            if (Libc.SetNs(fd, NamespaceKindInfo.CloneFlag(kind)) != 0)
            {
                return Libc.LastErrno();
            }
        }

        return null;
    }
}
