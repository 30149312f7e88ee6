using System.Collections.Concurrent;

namespace Ovnk.Linux.Namespaces;

/// <summary>
/// Runs code inside namespaces on dedicated threads (STYLE.md rule 5). The body runs synchronously on a thread that
/// has entered the namespaces and leaves them afterwards; it must not await (an await would continue on a pool thread
/// in the caller's namespaces). Threads are reused only after a verified return to their original namespaces.
/// Sockets created inside stay in the namespace they were created in (LAB-NOTES item 13).
/// </summary>
public static class NamespaceRunner
{
    // Two cores and short bodies: a few idle threads cover the concurrency of a node agent's CNI requests.
    private const int MaxIdleThreads = 4;
    private static readonly ConcurrentBag<NamespaceThread> Idle = [];

    /// <summary>Runs <paramref name="body"/> inside <paramref name="target"/>, blocking the caller until it ends.</summary>
    public static T Run<T>(NamespaceSet target, Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(body);
        var work = new NamespaceWork(target, () => body(), asynchronous: false);
        var thread = Dispatch(work);
        try
        {
            return (T)work.WaitForResult()!;
        }
        finally
        {
            Release(thread);
        }
    }

    /// <summary>Runs <paramref name="body"/> inside <paramref name="target"/>.</summary>
    public static void Run(NamespaceSet target, Action body)
    {
        ArgumentNullException.ThrowIfNull(body);
        Run<object?>(target, () =>
        {
            body();
            return null;
        });
    }

    /// <summary>
    /// Runs <paramref name="body"/> inside <paramref name="target"/> without blocking the caller's thread. The token
    /// is observed before the body starts; a body that has started runs to its end.
    /// </summary>
    public static async Task<T> RunAsync<T>(NamespaceSet target, Func<T> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(body);
        cancellationToken.ThrowIfCancellationRequested();
        var work = new NamespaceWork(target, () => body(), asynchronous: true);
        var thread = Dispatch(work);
        try
        {
            return (T)(await work.Task)!;
        }
        finally
        {
            Release(thread);
        }
    }

    private static NamespaceThread Dispatch(NamespaceWork work)
    {
        if (!Idle.TryTake(out var thread))
        {
            thread = new NamespaceThread();
        }

        thread.Post(work);
        return thread;
    }

    private static void Release(NamespaceThread thread)
    {
        if (thread.Retired)
        {
            return;
        }

        if (Idle.Count < MaxIdleThreads)
        {
            Idle.Add(thread);
        }
        else
        {
            thread.Stop();
        }
    }
}
