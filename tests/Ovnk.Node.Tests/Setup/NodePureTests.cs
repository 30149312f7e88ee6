using System.Net;
using k8s.Models;
using Ovnk.Model.Annotations;
using Ovnk.Node.Pods;
using Ovnk.Node.Setup;

namespace Ovnk.Node.Tests.Setup;

/// <summary>The pure pieces: host veth names, annotation diffs, the tunnel neighbour plan and `tnl/neigh/show` parsing.</summary>
public sealed class NodePureTests
{
    [Theory]
    [InlineData("0123456789abcdef0123", "0123456789abcde")]
    [InlineData("short", "short")]
    [InlineData("0123456789abcde", "0123456789abcde")]
    public void HostVethName_IsTheFirst15CharactersOfTheContainerId(string containerId, string expected) =>
        Assert.Equal(expected, HostVethName.For(containerId));

    [Fact]
    public void Changes_AreOnlyTheMissingOrDifferentKeys()
    {
        var current = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2", ["x"] = "kept" };
        var desired = new Dictionary<string, string> { ["a"] = "1", ["b"] = "3", ["c"] = "4" };
        Assert.Equal(new Dictionary<string, string> { ["b"] = "3", ["c"] = "4" }, NodeAnnotations.Changes(current, desired));
        Assert.Empty(NodeAnnotations.Changes(desired, desired));
        Assert.Equal(3, NodeAnnotations.Changes(null, desired).Count);
    }

    [Fact]
    public void TunnelNeighbours_AreEveryOtherNodesIpv4AndBridgeMac()
    {
        static V1Node Node(string name, string? config) => new()
        {
            Metadata = new V1ObjectMeta { Name = name, Annotations = config is null ? null : new Dictionary<string, string> { [AnnotationKeys.L3GatewayConfig] = config } },
        };
        const string w1 = """{"default":{"mode":"shared","mac-address":"02:42:ac:12:00:03","ip-addresses":["172.18.0.3/16"],"next-hops":["172.18.0.1"]}}""";
        const string self = """{"default":{"mode":"shared","mac-address":"02:42:ac:12:00:02","ip-addresses":["172.18.0.2/16"],"next-hops":["172.18.0.1"]}}""";
        var desired = TunnelNeighbours.Desired([Node("cp", self), Node("w1", w1), Node("w2", null), Node("bad", "{not json")], "cp");
        Assert.Equal([(IPAddress.Parse("172.18.0.3"), "02:42:ac:12:00:03")], desired);
    }

    [Fact]
    public void ParseShow_ReadsIpAndMacColumns_AndSkipsTheHeader()
    {
        const string shown = """
            IP                                            MAC                 Bridge
            ==========================================================================
            172.18.0.3                                    02:42:AC:12:00:03   breth0
            fd00::3                                       02:42:ac:12:00:03   breth0
            """;
        var entries = TunnelNeighbours.ParseShow(shown);
        Assert.Equal(2, entries.Count);
        Assert.Contains((IPAddress.Parse("172.18.0.3"), "02:42:ac:12:00:03"), entries);
    }
}
