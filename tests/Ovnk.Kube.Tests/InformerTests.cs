using k8s.Models;
using Ovnk.Kube.Informers;
using Ovnk.Kube.Tests.Fake;

namespace Ovnk.Kube.Tests;

/// <summary>An informer against the fault-injecting fake API server converges exactly: no lost, no doubled objects.</summary>
public sealed class InformerTests
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(20);

    // Short server-side watch timeouts (1–2 s) so re-watching on timeout happens during every test.
    private static readonly ReflectorOptions Fast = new() { MinWatchTimeoutSeconds = 1, InitialBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(200) };

    internal static V1Pod Pod(string name, string node = "node-a", string app = "web") => new()
    {
        ApiVersion = "v1", Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = name.StartsWith("kube", StringComparison.Ordinal) ? "kube-system" : "default", Labels = new Dictionary<string, string> { ["app"] = app } },
        Spec = new V1PodSpec { NodeName = node, Containers = [] },
    };

    private sealed record Harness(FakeApiServer Server, Informer<V1Pod, V1PodList> Informer, RecordingHandler Handler) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Informer.DisposeAsync();
            await Server.DisposeAsync();
        }

        /// <summary>Store, handler model and server agree on every key and resourceVersion.</summary>
        public async Task ConvergedAsync()
        {
            // Handlers run just after the store is updated, so wait for both views.
            await Eventually.TrueAsync(() => Same(Server.Snapshot("pods"), Informer.Store.List().ToDictionary(ObjectKeys.Of, p => p.Metadata.ResourceVersion))
                    && Same(Server.Snapshot("pods"), Handler.Model.ToDictionary()),
                Converge, "the informer store and the handler's view match the server");
            Assert.Empty(Handler.Violations);
        }

        private static bool Same(IReadOnlyDictionary<string, string> a, Dictionary<string, string> b) =>
            a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }

    private static async Task<Harness> StartAsync(Action<FakeApiServer>? seed = null)
    {
        var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        seed?.Invoke(server);
        var informer = new Informer<V1Pod, V1PodList>(ResourceAdapters.Pods(server.Client()), new Dictionary<string, Func<V1Pod, IEnumerable<string>>>
        {
            [Indexers.Namespace] = Indexers.ByNamespace,
            [Indexers.NodeName] = Indexers.ByNodeName,
            [Indexers.Label] = Indexers.ByLabel,
        }, Fast);
        var handler = new RecordingHandler();
        informer.AddHandler(handler);
        informer.Start();
        await informer.WaitForSyncAsync(TestContext.Current.CancellationToken).WaitAsync(Converge, TestContext.Current.CancellationToken);
        return new Harness(server, informer, handler);
    }

    private static void Churn(FakeApiServer server, int from, int count)
    {
        for (var i = from; i < from + count; i++) server.Upsert("pods", Pod($"p{i}"));
        for (var i = from; i < from + count; i += 3) server.Upsert("pods", Pod($"p{i}", node: "node-b"));
        for (var i = from; i < from + count; i += 4) server.Delete("pods", $"default/p{i}");
    }

    [Fact]
    public async Task InitialListThenWatch_AddsUpdatesDeletes_Converge()
    {
        await using var h = await StartAsync(s => { s.Upsert("pods", Pod("p-seed")); s.Upsert("pods", Pod("kube-dns")); });
        Assert.Equal(2, h.Handler.Adds);
        Churn(h.Server, 0, 30);
        await h.ConvergedAsync();
        Assert.Equal(1, h.Informer.ListCount);
    }

    [Fact]
    public async Task DroppedWatchStreams_ResumeFromLastResourceVersion_WithoutRelist()
    {
        await using var h = await StartAsync();
        h.Server.Faults.DropWatchAfterEvents = 3;
        Churn(h.Server, 0, 40);
        await h.ConvergedAsync();
        Assert.Equal(1, h.Informer.ListCount);
        Assert.True(h.Server.WatchRequests > 5, $"expected many re-watches, saw {h.Server.WatchRequests}");
        Assert.Equal(40, h.Handler.Adds);
    }

    [Fact]
    public async Task GoneOnRewatch_AfterCompaction_RelistsAndReplacesTheStore()
    {
        await using var h = await StartAsync(s => { for (var i = 0; i < 5; i++) s.Upsert("pods", Pod($"old{i}")); });
        h.Server.Faults.DropWatchAfterEvents = 1;
        h.Server.Faults.Delay = TimeSpan.FromSeconds(1); // the re-watch waits while history is compacted away
        h.Server.Upsert("pods", Pod("trigger")); // the open stream delivers this, then ends
        await Eventually.TrueAsync(() => h.Informer.Store.Get("default/trigger") is not null, Converge, "the first event arrives");
        Churn(h.Server, 0, 10); // missed while compacted: only a relist can recover them
        h.Server.Delete("pods", "default/old0");
        h.Server.Compact();
        h.Server.Faults.DropWatchAfterEvents = null;
        h.Server.Faults.Delay = TimeSpan.Zero;
        await h.ConvergedAsync();
        Assert.True(h.Informer.ListCount >= 2, "a relist happened");
        Assert.Null(h.Informer.Store.Get("default/old0"));
    }

    [Fact]
    public async Task HttpGoneAndErrorEvents_BothTriggerRelist()
    {
        await using var h = await StartAsync();
        h.Server.Faults.HttpGoneOnNextWatches = 1;
        h.Server.Faults.GoneOnNextWatches = 1;
        h.Server.Faults.DropWatchAfterEvents = 1;
        Churn(h.Server, 0, 12);
        // The first relist may already bring the store up to date; wait for the second (the in-stream ERROR) too.
        await Eventually.TrueAsync(() => h.Informer.ListCount >= 3, Converge, "one relist for the HTTP 410 and one for the ERROR event");
        h.Server.Upsert("pods", Pod("after-relists"));
        await h.ConvergedAsync();
    }

    [Fact]
    public async Task SlowResponses_StillConverge()
    {
        await using var h = await StartAsync();
        h.Server.Faults.Delay = TimeSpan.FromMilliseconds(400);
        h.Server.Faults.DropWatchAfterEvents = 5;
        Churn(h.Server, 0, 20);
        await h.ConvergedAsync();
    }

    [Fact]
    public async Task DuplicateEvents_AreAppliedOnce()
    {
        await using var h = await StartAsync();
        h.Server.Faults.DuplicateEvents = true;
        Churn(h.Server, 0, 20);
        await h.ConvergedAsync();
        Assert.True(h.Informer.DuplicatesDropped > 0, "duplicates were seen and dropped");
        Assert.Equal(20, h.Handler.Adds);
        Assert.Equal(7, h.Handler.Updates); // p0, p3, … p18
        Assert.Equal(5, h.Handler.Deletes); // p0, p4, … p16
    }

    [Fact]
    public async Task StaleReplay_AfterDelete_DoesNotResurrectTheObject()
    {
        await using var h = await StartAsync();
        h.Server.Faults.ReplayPrevious = true;
        h.Server.Upsert("pods", Pod("ghost"));
        h.Server.Delete("pods", "default/ghost"); // the stream then replays ADDED ghost
        h.Server.Upsert("pods", Pod("marker"));
        await Eventually.TrueAsync(() => h.Informer.Store.Get("default/marker") is not null, Converge, "the marker arrives");
        await h.ConvergedAsync();
        Assert.Null(h.Informer.Store.Get("default/ghost"));
        Assert.True(h.Informer.DuplicatesDropped >= 2);
        Assert.Equal(2, h.Handler.Adds);
        Assert.Equal(1, h.Handler.Deletes);
    }

    [Theory]
    [InlineData("with bookmarks the idle watch resumes", true, 1)]
    [InlineData("without bookmarks the idle watch must relist", false, 2)]
    public async Task IdlePodWatch_AfterOtherResourcesChangeAndCompaction(string name, bool bookmarks, int lists)
    {
        Assert.NotEmpty(name);
        await using var h = await StartAsync(s => s.Upsert("pods", Pod("p")));
        h.Server.Faults.Bookmarks = bookmarks;
        for (var i = 0; i < 5; i++) h.Server.Upsert("nodes", new V1Node { ApiVersion = "v1", Kind = "Node", Metadata = new V1ObjectMeta { Name = $"n{i}" } });
        await Task.Delay(300, TestContext.Current.CancellationToken); // the bookmark (if any) reaches the informer
        h.Server.Compact();
        var watches = h.Server.WatchRequests;
        // The pod watch times out after 1–2 s and re-watches from its position.
        await Eventually.TrueAsync(() => h.Server.WatchRequests >= watches + 1 && h.Informer.ListCount >= lists, Converge, "the pod watch reconnects");
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Equal(lists, h.Informer.ListCount);
        await h.ConvergedAsync();
    }

    [Fact]
    public async Task Indexes_FollowUpdatesAndDeletes()
    {
        await using var h = await StartAsync();
        h.Server.Upsert("pods", Pod("a", node: "n1", app: "web"));
        h.Server.Upsert("pods", Pod("b", node: "n1", app: "db"));
        h.Server.Upsert("pods", Pod("kube-c", node: "n2", app: "web"));
        h.Server.Upsert("pods", Pod("a", node: "n2", app: "web"));
        h.Server.Delete("pods", "default/b");
        await h.ConvergedAsync();
        Assert.Equal(["a", "kube-c"], h.Informer.Store.ByIndex(Indexers.NodeName, "n2").Select(p => p.Metadata.Name).Order());
        Assert.Empty(h.Informer.Store.ByIndex(Indexers.NodeName, "n1"));
        Assert.Equal(["kube-c"], h.Informer.Store.ByIndex(Indexers.Namespace, "kube-system").Select(p => p.Metadata.Name));
        Assert.Equal(2, h.Informer.Store.ByIndex(Indexers.Label, "app=web").Count);
        Assert.Empty(h.Informer.Store.ByIndex(Indexers.Label, "app=db"));
    }
}
