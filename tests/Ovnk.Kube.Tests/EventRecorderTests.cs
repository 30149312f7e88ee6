using k8s.Models;
using Ovnk.Kube.Events;
using Ovnk.Kube.Queue;
using Ovnk.Kube.Tests.Fake;

namespace Ovnk.Kube.Tests;

public sealed class EventRecorderTests
{
    /// <summary>What the controller does: after the last retry, a Warning Event on the object (and the GiveUps counter).</summary>
    private sealed class EventOnGiveUp(EventRecorder recorder) : IWorkQueueHooks<string>
    {
        public void OnRetry(string key, int attempt, TimeSpan delay, Exception error) { }

        public Task OnGiveUpAsync(string key, int attempts, Exception error, CancellationToken cancellationToken)
        {
            var parts = key.Split('/');
            var pod = new V1ObjectReference { Kind = "Pod", ApiVersion = "v1", NamespaceProperty = parts[0], Name = parts[1] };
            return recorder.RecordAsync(pod, EventSeverity.Warning, "ReconcileFailed",
                $"gave up after {attempts} attempts: {error.Message}", cancellationToken);
        }
    }

    [Fact]
    public async Task GivenUpKey_BecomesAWarningEventOnTheObject()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        var recorder = new EventRecorder(server.Client(), "ovnk-controller", "ctrl-a");
        await using var q = new WorkQueue<string>((_, _) => throw new InvalidOperationException("node subnet pool 10.244.0.0/16 is full"),
            new WorkQueueOptions { BaseDelay = TimeSpan.FromMilliseconds(5), MaxRetries = 2 }, new EventOnGiveUp(recorder));
        q.Start();
        q.Add("default/web-1");
        await Eventually.TrueAsync(() => server.Events.Count == 1, TimeSpan.FromSeconds(10), "one Event is written");
        var ev = server.Events[0];
        Assert.Equal("Warning", (string?)ev["type"]);
        Assert.Equal("ReconcileFailed", (string?)ev["reason"]);
        Assert.Equal("web-1", (string?)ev["involvedObject"]!["name"]);
        Assert.Equal("default", (string?)ev["metadata"]!["namespace"]);
        Assert.Contains("gave up after 3 attempts: node subnet pool 10.244.0.0/16 is full", (string?)ev["message"], StringComparison.Ordinal);
        Assert.Equal("ovnk-controller", (string?)ev["reportingComponent"]);
        Assert.Equal(1, q.GiveUps);
    }

    [Fact]
    public async Task RefusedEvent_IsReportedAsFalse_NotThrown()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        var recorder = new EventRecorder(server.Client(), "ovnk-controller", "ctrl-a");
        // A server path with no API behind it: the create answers 404, which must come back as false.
        var unreachable = new EventRecorder(new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = server.Url + "/nowhere" }), "c", "i");
        var ok = await recorder.RecordAsync(new V1ObjectReference { Kind = "Node", Name = "n1" }, EventSeverity.Normal, "Test", "m", TestContext.Current.CancellationToken);
        var refused = await unreachable.RecordAsync(new V1ObjectReference { Kind = "Node", Name = "n1" }, EventSeverity.Normal, "Test", "m", TestContext.Current.CancellationToken);
        Assert.True(ok);
        Assert.False(refused);
        Assert.Single(server.Events);
    }
}
