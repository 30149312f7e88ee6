namespace Ovnk.Lab.E2E.Tests.Support;

/// <summary>Bounded polling (every await in a test is bounded).</summary>
public static class Eventually
{
    public static async Task<T> ThatAsync<T>(string what, int seconds, Func<Task<T>> probe, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        T last = await probe();
        while (!done(last))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what} did not happen within {seconds} s; last: {last}");
            await Task.Delay(500, TestContext.Current.CancellationToken);
            last = await probe();
        }
        return last;
    }
}
