using k8s.Models;
using Ovnk.Kube.Informers;
using Ovnk.Kube.Tests.Fake;

namespace Ovnk.Kube.Tests;

/// <summary>The informer is generic: the same machinery over Nodes (cluster-scoped keys).</summary>
public sealed class NodeInformerTests
{
    private static V1Node Node(string name, string subnet) => new()
    {
        ApiVersion = "v1", Kind = "Node",
        Metadata = new V1ObjectMeta { Name = name, Annotations = new Dictionary<string, string> { ["k8s.ovn.org/node-subnets"] = $"{{\"default\":[\"{subnet}\"]}}" } },
    };

    [Fact]
    public async Task Nodes_AreKeyedByName_AndSurviveARelist()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Upsert("nodes", Node("ovn-control-plane", "10.244.0.0/24"));
        await using var informer = new Informer<V1Node, V1NodeList>(ResourceAdapters.Nodes(server.Client()),
            options: new ReflectorOptions { MinWatchTimeoutSeconds = 1, InitialBackoff = TimeSpan.FromMilliseconds(20) });
        informer.Start();
        await informer.WaitForSyncAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.NotNull(informer.Store.Get("ovn-control-plane"));

        server.Faults.GoneOnNextWatches = 1;
        server.Faults.DropWatchAfterEvents = 1;
        server.Upsert("nodes", Node("ovn-worker", "10.244.1.0/24"));
        server.Upsert("nodes", Node("ovn-worker2", "10.244.2.0/24"));
        server.Upsert("nodes", Node("ovn-worker", "10.244.3.0/24"));
        server.Delete("nodes", "ovn-control-plane");
        await Eventually.TrueAsync(() => informer.Store.Count == 2 && informer.Store.Get("ovn-worker")?.Metadata.Annotations["k8s.ovn.org/node-subnets"].Contains("10.244.3.0", StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(20), "the node store matches the server");
        Assert.Null(informer.Store.Get("ovn-control-plane"));
    }
}
