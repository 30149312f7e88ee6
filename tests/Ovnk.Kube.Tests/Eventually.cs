namespace Ovnk.Kube.Tests;

/// <summary>Bounded polling: every wait in these tests ends, with a message saying what did not happen.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"within {within}: {what}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
