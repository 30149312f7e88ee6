using System.Text.Json.Nodes;
using Ovnk.Lab.Storage;
using Ovnk.Lab.Watch;

namespace Ovnk.Lab.Tests.Storage;

/// <summary>
/// The store's write path: decisions made outside the writer lock are committed only on the state they were made on
/// (compare-and-swap on the stored revision, re-decided otherwise), and the WAL is checkpointed off the write path.
/// </summary>
public sealed class ObjectStoreWriteTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ovnk-store-").FullName;

    private static readonly ObjectKey Counter = new("configmaps", "default", "counter");

    [Fact]
    public async Task ConcurrentReadModifyWrites_OfOneObject_LoseNoUpdate()
    {
        var hub = new WatchHub();
        using var store = ObjectStore.Open(Path.Combine(_dir, "state.db"), hub);
        using var watch = hub.Subscribe(1000, out var start);
        await store.MutateAsync(Counter, _ => Mutation.Put(new JsonObject { ["metadata"] = new JsonObject { ["name"] = "counter" }, ["n"] = 0 }),
            TestContext.Current.CancellationToken);
        const int writers = 40;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(() => store.MutateAsync(Counter, current =>
        {
            var next = (JsonObject)current!.DeepClone();
            next["n"] = current["n"]!.GetValue<int>() + 1;
            return Mutation.Put(next);
        }, TestContext.Current.CancellationToken)))).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        var stored = await store.GetAsync(Counter, TestContext.Current.CancellationToken);
        Assert.Equal(writers, stored!["n"]!.GetValue<int>());
        Assert.Equal(start + writers + 1, store.CurrentRevision);
        var seen = new List<int>();
        while (watch.Reader.TryRead(out var e)) seen.Add(e.Object["n"]!.GetValue<int>());
        Assert.Equal(Enumerable.Range(0, writers + 1), seen); // every committed value once, in revision order
    }

    [Fact]
    public async Task DecisionThatThrows_WritesNothing()
    {
        var hub = new WatchHub();
        using var store = ObjectStore.Open(Path.Combine(_dir, "state.db"), hub);
        var before = store.CurrentRevision;
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.MutateAsync(Counter, _ => throw new InvalidOperationException("no"), TestContext.Current.CancellationToken));
        Assert.Equal(before, store.CurrentRevision);
        Assert.Null(await store.GetAsync(Counter, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Writes_AreCheckpointedIntoTheDatabaseFile_WithoutAWriteDoingIt()
    {
        var path = Path.Combine(_dir, "state.db");
        using var store = ObjectStore.Open(path, new WatchHub());
        var initial = new FileInfo(path).Length;
        var payload = new string('x', 4000);
        for (var i = 0; i < 200; i++)
        {
            var key = new ObjectKey("configmaps", "default", $"c{i}");
            await store.MutateAsync(key, _ => Mutation.Put(new JsonObject { ["metadata"] = new JsonObject { ["name"] = key.Name }, ["data"] = payload }),
                TestContext.Current.CancellationToken);
        }
        // 200 × 4 kB is far below SQLite's automatic checkpoint (1000 pages), which the writer has off anyway: only the
        // background checkpointer moves these pages from the WAL into the database file.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (new FileInfo(path).Length < initial + 200 * 4000 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        Assert.True(new FileInfo(path).Length >= initial + 200 * 4000,
            $"the database file is {new FileInfo(path).Length} bytes (was {initial}): the WAL was not checkpointed within 30 s");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
