using Ovnk.Controller.Tests.Support;

namespace Ovnk.Controller.Tests;

/// <summary>/metrics on a configurable (here ephemeral) port with upstream's metric names.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_ServeUpstreamNames_WithPodLatencyObserved()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await Cluster.StartAsync();
        await cluster.CreateNodeAsync("n1", "172.18.0.2", ct: ct);
        await cluster.CreateNamespaceAsync("m", ct);
        await using var controller = RunningController.Start(cluster);
        await controller.WaitQuietAsync(ct);
        await cluster.CreatePodAsync("m", "p", "n1", ct: ct);
        await PodTests.AnnotatedAsync(cluster, "m", "p", ct);
        await controller.WaitQuietAsync(ct);

        Assert.NotNull(controller.Host.MetricsAddress);
        Assert.NotEqual(9409, controller.Host.MetricsAddress!.Port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var text = await http.GetStringAsync(new Uri(controller.Host.MetricsAddress, "/metrics"), ct);
        Assert.Contains("# TYPE ovnkube_controller_pod_creation_latency_seconds histogram", text, StringComparison.Ordinal);
        Assert.Matches(@"ovnkube_controller_pod_creation_latency_seconds_count [1-9]", text);
        Assert.Contains("ovnkube_controller_sync_duration_seconds_bucket{resource_name=\"pod\",le=", text, StringComparison.Ordinal);
        Assert.Contains("ovnkube_controller_workqueue_depth{name=\"pod\"} ", text, StringComparison.Ordinal);
        Assert.Matches(@"ovnkube_controller_nb_transactions_total [1-9]", text);
        Assert.Contains("ovnkube_controller_leader 1", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Split('\n').Count(l => l == "# TYPE ovnkube_controller_sync_duration_seconds histogram"));
        foreach (var stage in new[] { "queue", "annotate", "nb" })
            Assert.Matches($@"ovnkube_controller_pod_stage_seconds_count\{{stage=""{stage}""\}} [1-9]", text);
        Assert.Equal(1, text.Split('\n').Count(l => l == "# TYPE ovnkube_controller_pod_stage_seconds histogram"));
        using var other = await http.GetAsync(new Uri(controller.Host.MetricsAddress, "/other"), ct);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, other.StatusCode);
    }
}
