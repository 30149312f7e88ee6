using Ovnk.Lab.Kubelet.Bench;

namespace Ovnk.Lab.Tests.Kubelet;

/// <summary>`ovnk bench pods` in small: it runs end to end, reports every figure, and leaves no namespace behind.</summary>
public sealed class PodBenchmarkTests
{
    [Fact]
    public async Task BenchPodsReportsFiguresAndCleansUp()
    {
        var before = Ovnk.Linux.Namespaces.NetNs.List().Count(n => n.StartsWith("bench-", StringComparison.Ordinal));
        var result = await PodStartupBenchmark.RunAsync(3, Path.Combine(AppContext.BaseDirectory, "ovnk"), _ => { }, TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromMinutes(4), TestContext.Current.CancellationToken);
        Assert.Equal(3, result["pods"]!.GetValue<int>());
        foreach (var key in new[] { "bridge_ready_p99_ms", "bridge_running_p50_ms", "cni_add_p99_ms", "kubelet_overhead_p99_ms" })
        {
            Assert.True(result[key]!.GetValue<double>() >= 0, key);
        }
        Assert.True(result.ContainsKey("ovnk_ready_p99_ms"));
        Assert.True(result["bridge_ready_p99_ms"]!.GetValue<double>() >= result["cni_add_p50_ms"]!.GetValue<double>(), "a pod is Ready only after its CNI ADD");
        Assert.Equal(before, Ovnk.Linux.Namespaces.NetNs.List().Count(n => n.StartsWith("bench-", StringComparison.Ordinal)));
    }
}
