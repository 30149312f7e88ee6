using Ovnk.Lab.Bench;

namespace Ovnk.Lab.Tests;

/// <summary>The benchmark's behaviour (not its speed): every create is listed and every watcher gets every event.</summary>
public sealed class BenchmarkTests
{
    [Fact]
    public async Task Benchmark_SmallRun_ReportsEveryFieldAndDeliversEveryEvent()
    {
        var result = await ApiServerBenchmark.RunAsync(pods: 200, watchers: 3, concurrency: 8, TestContext.Current.CancellationToken);
        Assert.Equal(200, result["listed"]!.GetValue<int>());
        Assert.Equal(600, result["watch_events_delivered"]!.GetValue<int>());
        foreach (var key in new[] { "creates_per_s", "watch_delivery_p99_ms", "list_5000_ms", "sqlite_raw_inserts_per_s", "ratio_vs_sqlite" })
        {
            Assert.True(result[key]!.GetValue<double>() > 0, key);
        }
    }
}
