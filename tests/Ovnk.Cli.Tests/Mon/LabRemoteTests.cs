using Ovnk.Cli.Mon;
using Ovnk.TestSupport;

namespace Ovnk.Cli.Tests.Mon;

/// <summary><c>--db lab:nb|lab:sb|lab:NODE</c> against a lab state directory laid out as LAB-CONTRACT.md says.</summary>
public sealed class LabRemoteTests : IDisposable
{
    private readonly TempDirectory dir = new("ovnk-labremote");

    private string State => Path.Combine(dir.Path, "ovn");

    private string Socket(string node, string rel)
    {
        var path = Path.Combine(State, "nodes", node, "root", "run", rel);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, ""); // stands in for the socket: Resolve only asks whether it exists
        return path;
    }

    [Fact]
    public void Resolve_NbSbAndNodes_FindTheNodesOwnSockets()
    {
        var nb = Socket("ovn-control-plane", "ovn/ovnnb_db.sock");
        var sb = Socket("ovn-control-plane", "ovn/ovnsb_db.sock");
        var worker = Socket("ovn-worker", "openvswitch/db.sock");
        Directory.CreateDirectory(Path.Combine(State, "nodes", "ovn-worker2"));
        Assert.Equal("unix:" + nb, LabRemote.Resolve("lab:nb", State, File.Exists));
        Assert.Equal("unix:" + sb, LabRemote.Resolve("lab:sb", State, File.Exists));
        Assert.Equal("unix:" + worker, LabRemote.Resolve("lab:ovn-worker", State, File.Exists));
        Assert.Equal("unix:" + worker, LabRemote.Resolve("lab:worker", State, File.Exists)); // short form
        Assert.Equal("tcp:127.0.0.1:6641", LabRemote.Resolve("tcp:127.0.0.1:6641", State, File.Exists));
        var e = Assert.Throws<ArgumentException>(() => LabRemote.Resolve("lab:worker2", State, File.Exists));
        Assert.Contains("ovs-node", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NoLabOrUnknownNode_SaysWhatToDo()
    {
        var none = Assert.Throws<ArgumentException>(() => LabRemote.Resolve("lab:nb", Path.Combine(dir.Path, "nope"), File.Exists));
        Assert.Contains("ovnk lab up", none.Message, StringComparison.Ordinal);
        Socket("ovn-worker", "openvswitch/db.sock");
        var node = Assert.Throws<ArgumentException>(() => LabRemote.Resolve("lab:worker9", State, File.Exists));
        Assert.Contains("its nodes are ovn-worker", node.Message, StringComparison.Ordinal);
        var db = Assert.Throws<ArgumentException>(() => LabRemote.Resolve("lab:sb", State, File.Exists));
        Assert.Contains("ovnkube-db", db.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OvnkMon_LabNbWithoutALab_ExitsNonZeroNamingTheFix()
    {
        var result = await OvnkCli.RunAsync("mon", "--db", "lab:nb", "--state-dir", Path.Combine(dir.Path, "absent"), "show");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("ovnk lab up", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OvnkMon_LabNbOfARealServer_ListsItsTables()
    {
        var nodeRun = Path.Combine(State, "nodes", "ovn-control-plane", "root", "run", "ovn");
        Directory.CreateDirectory(nodeRun);
        await using var nb = await OvsdbServer.StartAsync(OvsdbServer.NorthboundSchema, socketPath: Path.Combine(nodeRun, "ovnnb_db.sock"));
        var result = await OvnkCli.RunAsync("mon", "--db", "lab:nb", "--state-dir", State, "show");
        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
        Assert.Contains("Logical_Switch", result.Stdout, StringComparison.Ordinal);
    }

    public void Dispose() => dir.Dispose();
}
