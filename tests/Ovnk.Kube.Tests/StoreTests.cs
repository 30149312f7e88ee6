using k8s.Models;
using Ovnk.Kube.Informers;

namespace Ovnk.Kube.Tests;

public sealed class StoreTests
{
    private static Store<V1Pod> NewStore() => new(new Dictionary<string, Func<V1Pod, IEnumerable<string>>>
    {
        [Indexers.NodeName] = Indexers.ByNodeName,
        [Indexers.Namespace] = Indexers.ByNamespace,
    });

    [Fact]
    public void Upsert_MovesThePodBetweenNodeIndexes_AndDeleteClearsThem()
    {
        var store = NewStore();
        Assert.Null(store.Upsert(InformerTests.Pod("web", node: "n1")));
        var old = store.Upsert(InformerTests.Pod("web", node: "n2"));
        Assert.Equal("n1", old!.Spec.NodeName);
        Assert.Empty(store.ByIndex(Indexers.NodeName, "n1"));
        Assert.Single(store.ByIndex(Indexers.NodeName, "n2"));
        Assert.NotNull(store.Delete("default/web"));
        Assert.Null(store.Delete("default/web"));
        Assert.Empty(store.ByIndex(Indexers.NodeName, "n2"));
        Assert.Empty(store.ByIndex(Indexers.Namespace, "default"));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void ByIndex_UnknownIndex_NamesTheFix()
    {
        var e = Assert.Throws<ArgumentException>(() => NewStore().ByIndex("zone", "a"));
        Assert.Contains("add it when creating the informer", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("same", "105", "105", true)]
    [InlineData("older integer", "99", "105", true)]
    [InlineData("newer integer", "106", "105", false)]
    [InlineData("opaque and different", "abc", "abd", false)]
    [InlineData("opaque and equal", "abc", "abc", true)]
    [InlineData("unknown position", "5", null, false)]
    public void ResourceVersions_IsNotNewer(string name, string incoming, string? current, bool expected)
    {
        Assert.NotEmpty(name);
        Assert.Equal(expected, ResourceVersions.IsNotNewer(incoming, current));
    }
}
