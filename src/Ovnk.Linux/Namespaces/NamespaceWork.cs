using System.Runtime.ExceptionServices;

namespace Ovnk.Linux.Namespaces;

/// <summary>One call to run on a namespace thread: the body, where to run it, and how the caller learns the outcome.</summary>
internal sealed class NamespaceWork
{
    private readonly ManualResetEventSlim? done;
    private readonly TaskCompletionSource<object?>? completion;

    public NamespaceWork(NamespaceSet target, Func<object?> body, bool asynchronous)
    {
        Target = target;
        Body = body;
        if (asynchronous)
        {
            completion = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        else
        {
            done = new ManualResetEventSlim(false);
        }
    }

    public NamespaceSet Target { get; }

    public Func<object?> Body { get; }

    public Task<object?> Task => completion?.Task ?? throw new InvalidOperationException("synchronous work has no task");

    private object? result;
    private ExceptionDispatchInfo? error;

    public void Succeed(object? value)
    {
        result = value;
        done?.Set();
        completion?.TrySetResult(value);
    }

    public void Fail(Exception exception)
    {
        error = ExceptionDispatchInfo.Capture(exception);
        done?.Set();
        completion?.TrySetException(exception);
    }

    /// <summary>Blocks the synchronous caller until the namespace thread finished, then returns or rethrows.</summary>
    public object? WaitForResult()
    {
        var signal = done ?? throw new InvalidOperationException("asynchronous work is awaited through Task");
        // Not disposed: the namespace thread may still be inside Set() when this wakes up; nothing unmanaged is held.
        signal.Wait();
        error?.Throw();
        return result;
    }
}
