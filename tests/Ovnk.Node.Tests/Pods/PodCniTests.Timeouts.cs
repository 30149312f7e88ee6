using System.Text.Json;
using Ovnk.Linux.Namespaces;
using Ovnk.TestSupport;

namespace Ovnk.Node.Tests.Pods;

/// <summary>A stuck ADD answers code 11 naming its stage (upstream #3115) and leaves no port and no veth behind.</summary>
public sealed partial class PodCniTests
{
    [Fact]
    public async Task Add_TimesOut_NamingTheStuckStage_AndLeavesNothingBehind()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var agent = await NodeAgent.StartAsync(Lab.Options() with { PodReadyTimeout = TimeSpan.FromSeconds(3) }, ct).WaitAsync(Bound, ct);
        var socket = agent.Server.SocketPath;
        var unbound = await fixture.CreatePodAsync("unbound-" + Lab.Suffix, withLsp: false);
        var unannotated = unbound with { Name = "absent-" + Lab.Suffix }; // no such pod: the controller never annotates it

        var netns1 = NetNs.PathOf(await fixture.NewNetNsAsync());
        var cid1 = "t1" + Guid.NewGuid().ToString("N");
        var stuck = await fixture.CniAsync("ADD", cid1, netns1, unannotated, socket);
        AssertStuck(stuck, "stage annotation");

        var netns2 = NetNs.PathOf(await fixture.NewNetNsAsync());
        var cid2 = "t2" + Guid.NewGuid().ToString("N");
        stuck = await fixture.CniAsync("ADD", cid2, netns2, unbound, socket);
        AssertStuck(stuck, "stage binding");
        foreach (var cid in new[] { cid1, cid2 })
        {
            Assert.Equal("", (await Lab.VsctlAsync("--bare", "--columns=name", "find", "Interface", $"external_ids:sandbox={cid}")).Trim());
            Assert.NotEqual(0, (await Proc.RunAsync("ip", ["-n", Lab.NodeNs, "link", "show", cid[..15]])).ExitCode);
        }
    }

    private static void AssertStuck(ProcessResult run, string stage)
    {
        Assert.NotEqual(0, run.ExitCode);
        var error = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal(11, error.GetProperty("code").GetInt32());
        Assert.Contains(stage, error.GetProperty("msg").GetString(), StringComparison.Ordinal);
    }
}
