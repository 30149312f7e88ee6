using System.Text.RegularExpressions;
using Ovnk.Lab.Kubelet.Bench;

namespace Ovnk.Lab.Tests.Kubelet;

/// <summary>`ovnk bench pods` in small: it runs end to end, reports every figure, and leaves no namespace behind.</summary>
public sealed partial class PodBenchmarkTests
{
    [Fact]
    public async Task BenchPodsReportsFiguresAndCleansUp()
    {
        string? node = null; // its own node's name (other benchmarks may run on the machine at the same time)
        var result = await PodStartupBenchmark.RunAsync(3, Path.Combine(AppContext.BaseDirectory, "ovnk"),
                line => node ??= NodeLine().Match(line) is { Success: true } m ? m.Groups[1].Value : null, TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromMinutes(4), TestContext.Current.CancellationToken);
        Assert.Equal(3, result["pods"]!.GetValue<int>());
        foreach (var key in new[] { "bridge_ready_p99_ms", "bridge_running_p50_ms", "cni_add_p99_ms", "kubelet_overhead_p99_ms" })
        {
            Assert.True(result[key]!.GetValue<double>() >= 0, key);
        }
        Assert.True(result.ContainsKey("ovnk_ready_p99_ms"));
        Assert.True(result["bridge_ready_p99_ms"]!.GetValue<double>() >= result["cni_add_p50_ms"]!.GetValue<double>(), "a pod is Ready only after its CNI ADD");
        // The API server's breakdown of the measured burst: the status patches and pod creates were timed.
        var api = result["api_ms"]!.AsObject();
        Assert.Equal(3, api["api POST pods"]!["n"]!.GetValue<int>());
        Assert.True(api["api PATCH pods/status"]!["n"]!.GetValue<int>() >= 3);
        Assert.True(api["store.lock_hold"]!["n"]!.GetValue<int>() >= 6);
        Assert.NotNull(node);
        Assert.DoesNotContain(Ovnk.Linux.Namespaces.NetNs.List(), n => n == node || n.StartsWith(node + "-", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"node (bench-[0-9a-f]+) Ready")]
    private static partial Regex NodeLine();
}
