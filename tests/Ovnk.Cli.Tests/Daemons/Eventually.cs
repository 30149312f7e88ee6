using System.Diagnostics;

namespace Ovnk.Cli.Tests.Daemons;

/// <summary>Bounded polling for state that real daemons reach asynchronously.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        var bound = timeout ?? TimeSpan.FromSeconds(60);
        while (watch.Elapsed < bound)
        {
            if (await condition())
                return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"timed out after {bound.TotalSeconds:0} s waiting for {what}");
    }
}
