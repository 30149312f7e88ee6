using Ovnk.Node.Kube;
using Ovnk.Node.Ovs;
using Ovnk.Node.Setup;
using Ovnk.TestSupport;

namespace Ovnk.Node.Tests.Setup;

/// <summary>
/// The lab's "node never Ready" flake: the node agent connected to its ovsdb-server before ovs-node had written the
/// Open_vSwitch root row, so its bridges (not a root table) were garbage-collected at commit and it waited forever for
/// breth0's ofport, never writing the CNI config. Now it waits for the row (bounded) and then sets the node up; with no
/// row at all it fails with the cause instead of hanging. Real ovsdb-server + ovs-vswitchd, ovs-vsctl as the oracle.
/// </summary>
public sealed class OvsRootRowTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Setup_before_the_root_row_exists_waits_for_it_then_creates_the_bridges_and_the_cni_config()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await NodeLab.StartAsync(ovn: false, ct, prefix: "root-");
        await DeleteRootRowAsync(lab);

        var setup = RunSetupAsync(lab, lab.Options(), ct);
        // While there is no root row the agent must not write (its bridges would be dropped): give it time to try.
        await Task.WhenAny(setup, Task.Delay(TimeSpan.FromSeconds(3), ct));
        Assert.False(setup.IsCompleted, setup.Exception?.ToString() ?? "setup finished without an Open_vSwitch row");
        Assert.Equal(0, await RowCountAsync(lab, "Bridge"));

        await lab.VsctlAsync("--no-wait", "init");
        var result = await setup.WaitAsync(Bound, ct);

        Assert.Equal(["br-int", "breth0"], (await lab.VsctlAsync("list-br")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        Assert.Equal("breth0", (await lab.VsctlAsync("port-to-br", "eth0")).Trim());
        Assert.Equal(result.ChassisId, (await lab.VsctlAsync("get", "Open_vSwitch", ".", "external_ids:system-id")).Trim().Trim('"'));
        Assert.True(File.Exists(Path.Combine(lab.Options().CniConfDir, "10-ovn-kubernetes.conf")));
    }

    [Fact]
    public async Task Setup_without_a_root_row_fails_within_its_bound_naming_the_row_and_ovs_node()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await NodeLab.StartAsync(ovn: false, ct, prefix: "root-");
        await DeleteRootRowAsync(lab);

        var options = lab.Options() with { OvsReadyTimeout = TimeSpan.FromSeconds(2) };
        var error = await Assert.ThrowsAsync<NodeSetupException>(() => RunSetupAsync(lab, options, ct).WaitAsync(Bound, ct));

        Assert.Contains("has no Open_vSwitch row after 2 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("ovs-node", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(options.CniConfDir, "10-ovn-kubernetes.conf")));
    }

    /// <summary>A database as ovs-node's ovsdb-server has it before its bootstrap ran: no Open_vSwitch row (nor bridges).</summary>
    private static async Task DeleteRootRowAsync(NodeLab lab)
    {
        await Proc.OutputAsync("ovsdb-client", "transact", lab.Vswitch.UnixRemote, """["Open_vSwitch",{"op":"delete","table":"Open_vSwitch","where":[]}]""");
        Assert.Equal(0, await RowCountAsync(lab, "Open_vSwitch"));
    }

    private static async Task<int> RowCountAsync(NodeLab lab, string table)
    {
        var reply = await Proc.OutputAsync("ovsdb-client", "transact", lab.Vswitch.UnixRemote,
            $$"""["Open_vSwitch",{"op":"select","table":"{{table}}","where":[],"columns":["_uuid"]}]""");
        return System.Text.Json.JsonDocument.Parse(reply).RootElement[0].GetProperty("rows").GetArrayLength();
    }

    private static async Task<NodeSetupResult> RunSetupAsync(NodeLab lab, NodeOptions options, CancellationToken ct)
    {
        await using var db = await VswitchDb.ConnectAsync(options.OvsDatabase, ct);
        using var kube = lab.Client();
        await using var node = new WatchedStore<k8s.Models.V1Node, k8s.Models.V1NodeList>(KubeAdapters.Node(kube, lab.NodeName));
        await node.StartAsync(ct).WaitAsync(Bound, ct);
        return await NodeSetup.RunAsync(options, db, kube, node, ct);
    }
}
