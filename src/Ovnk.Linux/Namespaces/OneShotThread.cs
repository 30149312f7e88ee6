using System.Runtime.ExceptionServices;

namespace Ovnk.Linux.Namespaces;

/// <summary>
/// Runs a body on a brand-new thread that exits afterwards. Used to create namespaces with unshare: the thread's own
/// namespaces change for good, so it must never run anything else.
/// </summary>
internal static class OneShotThread
{
    public static T Run<T>(Func<T> body)
    {
        T result = default!;
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = body();
            }
#pragma warning disable CA1031 // rethrown on the caller's thread below
            catch (Exception e)
#pragma warning restore CA1031
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
        })
        { IsBackground = true, Name = "ovnk-unshare" };
        thread.Start();
        thread.Join();
        error?.Throw();
        return result;
    }
}
