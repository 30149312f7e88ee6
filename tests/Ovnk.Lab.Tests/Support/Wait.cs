namespace Ovnk.Lab.Tests.Support;

/// <summary>Bounded polling for asynchronous state (every await in a test is bounded).</summary>
public static class Wait
{
    /// <summary>Polls <paramref name="probe"/> until it returns non-null, or fails with <paramref name="what"/> after <paramref name="seconds"/>.</summary>
    public static async Task<T> ForAsync<T>(string what, int seconds, Func<Task<T?>> probe, Func<string>? diagnostics = null)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await probe() is { } value) return value;
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                last = e;
            }
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"{what} did not happen within {seconds} s. {last?.Message} {diagnostics?.Invoke()}");
    }

    /// <summary>Polls until <paramref name="condition"/> holds.</summary>
    public static Task UntilAsync(string what, int seconds, Func<Task<bool>> condition, Func<string>? diagnostics = null) =>
        ForAsync(what, seconds, async () => await condition() ? "" : null, diagnostics);
}
