using Ovnk.Node.Cni;

namespace Ovnk.Node.Tests.Cni;

/// <summary>
/// Our plugin driven by the real libcni (Debian 1.1.2, spec ≤ 1.0.0) through tests/cni-harness: version negotiation,
/// chain validation with the reference plugins, result parsing and caching, prevResult, CHECK rules, repeated DEL.
/// The agent side is <see cref="CniServer"/> with the recording handler (the plumbing behind it is not written yet),
/// so the full-chain ADD with tuning/portmap/bandwidth waits for the real agent.
/// </summary>
public sealed class LibcniTests(LibcniHarness harness) : IClassFixture<LibcniHarness>
{
    private const string Network = "ovnk-harness";

    [Fact]
    public async Task Libcni_reads_our_version_list_including_1_1_0()
    {
        var list = harness.WriteConfList("1.0.0", Network, "ovn-k8s-cni-overlay");
        var run = await harness.RunAsync("/nonexistent.sock", "version", list, LibcniHarness.CniPath, harness.Scratch);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"], run.Json.GetProperty("supportedVersions").EnumerateArray().Select(v => v.GetString()));
    }

    [Theory]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    public async Task Libcni_validates_the_chain_with_tuning_portmap_and_bandwidth(string version)
    {
        var list = harness.WriteConfList(version, Network, "ovn-k8s-cni-overlay", "tuning", "portmap", "bandwidth");
        var run = await harness.RunAsync("/nonexistent.sock", "validate", list, LibcniHarness.CniPath, harness.Scratch);
        Assert.True(run.ExitCode == 0, run.ToString());
        // libcni collects capabilities in a Go map: the order is random.
        Assert.Equal(["bandwidth", "portMappings"], run.Json.GetProperty("capabilities").EnumerateArray().Select(v => v.GetString()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    public async Task Add_check_del_del_caches_and_clears_the_result(string version)
    {
        using var dir = new TempSocketDir();
        var handler = new RecordingCniHandler();
        await using var server = await CniServer.StartAsync(dir.SocketPath, handler, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        var (cid, cache, list) = Attachment(version);
        string[] target = [cid, "/run/netns/ovnk-harness-absent", "eth0"];
        var add = await harness.RunAsync(dir.SocketPath, ["add", list, LibcniHarness.CniPath, cache, .. target]);
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Equal("10.244.0.5/24", add.Json.GetProperty("ips")[0].GetProperty("address").GetString());
        var cached = Path.Combine(cache, "results", $"{Network}-{cid}-eth0");
        Assert.True(File.Exists(cached), "libcni caches the ADD result");
        Assert.True((await harness.RunAsync(dir.SocketPath, ["check", list, LibcniHarness.CniPath, cache, .. target])).ExitCode == 0);
        Assert.True((await harness.RunAsync(dir.SocketPath, ["del", list, LibcniHarness.CniPath, cache, .. target])).ExitCode == 0);
        Assert.False(File.Exists(cached), "DEL removes the cached result");
        var again = await harness.RunAsync(dir.SocketPath, ["del", list, LibcniHarness.CniPath, cache, .. target]);
        Assert.True(again.ExitCode == 0, again.ToString());
        var seen = handler.Requests.ToArray();
        Assert.Equal(["ADD", "CHECK", "DEL", "DEL"], seen.Select(r => r.Command.ToString().ToUpperInvariant()));
        // libcni hands CHECK and the first DEL the cached ADD result as prevResult (SPEC.md §3, ≥ 0.4.0).
        Assert.Contains("prevResult", System.Text.Encoding.UTF8.GetString(seen[1].Config.Span), StringComparison.Ordinal);
        Assert.Contains("prevResult", System.Text.Encoding.UTF8.GetString(seen[2].Config.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_0_3_1_libcni_refuses_check_and_add_del_work()
    {
        using var dir = new TempSocketDir();
        var handler = new RecordingCniHandler();
        await using var server = await CniServer.StartAsync(dir.SocketPath, handler, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        var (cid, cache, list) = Attachment("0.3.1");
        string[] target = [cid, "/run/netns/ovnk-harness-absent", "eth0"];
        Assert.True((await harness.RunAsync(dir.SocketPath, ["add", list, LibcniHarness.CniPath, cache, .. target])).ExitCode == 0);
        var check = await harness.RunAsync(dir.SocketPath, ["check", list, LibcniHarness.CniPath, cache, .. target]);
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("does not support the CHECK command", check.Json.GetProperty("msg").GetString(), StringComparison.Ordinal);
        Assert.True((await harness.RunAsync(dir.SocketPath, ["del", list, LibcniHarness.CniPath, cache, .. target])).ExitCode == 0);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Agent_down_libcni_sees_code_11_on_add_and_success_on_del()
    {
        var (cid, cache, list) = Attachment("1.0.0");
        string[] target = [cid, "/run/netns/ovnk-harness-absent", "eth0"];
        var socket = Path.Combine(harness.Scratch, "absent", "ovn-cni-server.sock");
        var add = await harness.RunAsync(socket, ["add", list, LibcniHarness.CniPath, cache, .. target]);
        Assert.Equal(1, add.ExitCode);
        Assert.Equal(11, add.Json.GetProperty("code").GetInt32());
        Assert.False(Directory.Exists(Path.Combine(cache, "results")) && Directory.EnumerateFiles(Path.Combine(cache, "results")).Any(), "a failed ADD caches nothing");
        Assert.True((await harness.RunAsync(socket, ["del", list, LibcniHarness.CniPath, cache, .. target])).ExitCode == 0);
    }

    private (string ContainerId, string Cache, string List) Attachment(string version)
    {
        var cid = "harness" + Guid.NewGuid().ToString("N")[..12];
        var cache = Path.Combine(harness.Scratch, "cache-" + cid);
        return (cid, cache, harness.WriteConfList(version, Network, "ovn-k8s-cni-overlay"));
    }
}
