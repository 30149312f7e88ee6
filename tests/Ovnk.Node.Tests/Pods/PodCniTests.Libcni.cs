using Ovnk.Linux.Namespaces;
using Ovnk.Node.Tests.Cni;
using Ovnk.TestSupport;

namespace Ovnk.Node.Tests.Pods;

/// <summary>
/// Acceptance 2 with the real agent: Debian's libcni (tests/cni-harness, run inside the node netns as a runtime
/// would) chains [ovn-k8s-cni-overlay, tuning, portmap, bandwidth]: the result cache appears and disappears,
/// bandwidth shapes our host-side veth, tuning changes a sysctl in the pod. No portMappings are passed
/// (containernetworking/plugins#819 makes Debian's portmap 1.1.1 fail CHECK when they are set).
/// </summary>
public sealed partial class PodCniTests
{
    [Theory]
    [InlineData("0.4.0", true)]
    [InlineData("1.0.0", true)]
    [InlineData("0.3.1", false)]
    public async Task Libcni_ChainsOurPluginWithTuningPortmapBandwidth_AgainstTheRealAgent(string version, bool check)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var agent = await NodeAgent.StartAsync(Lab.Options(), ct).WaitAsync(Bound, ct);
        var pod = await fixture.CreatePodAsync($"libcni-{version.Replace('.', '-')}-{Lab.Suffix}");
        var netns = NetNs.PathOf(await fixture.NewNetNsAsync());
        var cid = "lc" + Guid.NewGuid().ToString("N");
        var cache = Path.Combine(harness.Scratch, "cache-" + cid);
        var list = Path.Combine(harness.Scratch, $"real-{version}.conflist");
        await File.WriteAllTextAsync(list, $$$"""
            {"cniVersion":"{{{version}}}","name":"ovn-kubernetes","plugins":[
              {"type":"ovn-k8s-cni-overlay"},
              {"type":"tuning","sysctl":{"net.ipv4.conf.eth0.arp_ignore":"1"}},
              {"type":"portmap","capabilities":{"portMappings":true}},
              {"type":"bandwidth","ingressRate":8000000,"ingressBurst":1000000}]}
            """, ct);
        string[] target = [cid, netns, "eth0"];
        async Task<ProcessRun> Run(string op) =>
            await harness.RunInNetnsAsync(Lab.NodeNs, agent.Server.SocketPath, pod.Name, [op, list, LibcniHarness.CniPath, cache, .. target]);

        var add = await Run("add");
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Equal($"{pod.Ip}/24", add.Json.GetProperty("ips")[0].GetProperty("address").GetString());
        var cached = Path.Combine(cache, "results", $"ovn-kubernetes-{cid}-eth0");
        Assert.True(File.Exists(cached), "libcni caches the ADD result");
        var qdisc = await Proc.OutputAsync("ip", "netns", "exec", Lab.NodeNs, "tc", "qdisc", "show", "dev", cid[..15]);
        Assert.Contains("tbf", qdisc, StringComparison.Ordinal); // bandwidth found our host-side interface
        Assert.Equal("1", (await Proc.OutputAsync("ip", "netns", "exec", Path.GetFileName(netns), "sysctl", "-n", "net.ipv4.conf.eth0.arp_ignore")).Trim());
        if (check)
        {
            var checkRun = await Run("check");
            Assert.True(checkRun.ExitCode == 0, checkRun.ToString());
        }
        var del = await Run("del");
        Assert.True(del.ExitCode == 0, del.ToString());
        Assert.False(File.Exists(cached), "DEL removes the cached result");
        var again = await Run("del");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal("", (await Lab.VsctlAsync("--bare", "--columns=name", "find", "Interface", $"external_ids:sandbox={cid}")).Trim());
        Assert.NotEqual(0, (await Proc.RunAsync("ip", ["-n", Lab.NodeNs, "link", "show", cid[..15]])).ExitCode);
    }
}
