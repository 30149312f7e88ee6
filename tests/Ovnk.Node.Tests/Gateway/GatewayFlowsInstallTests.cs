using Ovnk.Node.Gateway;
using Ovnk.TestSupport;

namespace Ovnk.Node.Tests.Gateway;

/// <summary>
/// The agent installs breth0's flows on a real ovs-vswitchd (netdev datapath) and keeps them: the host's half at
/// setup, the OVN half once a patch port appears (ovn-controller creates it for the physnet localnet port; here
/// ovs-vsctl plays ovn-controller), again after ovs-vswitchd is restarted and after someone deletes them.
/// `ovs-ofctl dump-flows` is the oracle; pings between the node and its "physical network" prove that the node's
/// own traffic still works through conntrack (replies matched by ct_mark 0x2 back to LOCAL).
/// </summary>
public sealed class GatewayFlowsInstallTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task FlowsAreInstalled_CompletedWhenThePatchPortAppears_AndReinstalledAfterARestartOrADelete()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await NodeLab.StartAsync(ovn: false, ct, prefix: "gwf-");
        await using var agent = await NodeAgent.StartAsync(lab.Options(), ct).WaitAsync(Bound, ct);
        var uplink = (await lab.VsctlAsync("get", "Interface", "eth0", "ofport")).Trim();

        var hostHalf = await WaitForFlowsAsync(lab, 11, ct);
        Assert.Contains($"priority=205,udp,in_port={uplink},dl_dst=", hostHalf, StringComparison.Ordinal);
        Assert.Contains("priority=100,ip,in_port=LOCAL actions=ct(commit,zone=64000,exec(set_field:0x2->ct_mark))", hostHalf, StringComparison.Ordinal);

        // What ovn-controller does for the physnet localnet port of the gateway router's external switch.
        var patch = "patch-breth0_" + lab.Suffix + "-to-br-int";
        var peer = "patch-br-int-to-breth0_" + lab.Suffix;
        await lab.VsctlAsync("add-port", "breth0", patch, "--", "set", "Interface", patch, "type=patch", "options:peer=" + peer,
            "--", "add-port", "br-int", peer, "--", "set", "Interface", peer, "type=patch", "options:peer=" + patch);
        var full = await WaitForFlowsAsync(lab, 14, ct);
        var patchPort = (await lab.VsctlAsync("get", "Interface", patch, "ofport")).Trim();
        Assert.Contains($"priority=100,ip,in_port={patchPort} actions=ct(commit,zone=64000,exec(set_field:0x1->ct_mark)),output:{uplink}", full, StringComparison.Ordinal);
        Assert.Contains($"table=1, n_packets=", full, StringComparison.Ordinal);

        // The node's own traffic through conntrack: out (commit, mark 2) and the replies back to LOCAL by that mark;
        // new traffic to the node IP from the network to LOCAL.
        var ping = await Proc.RunAsync("ip", ["netns", "exec", lab.NodeNs, "ping", "-c", "3", "-i", "0.2", "-W", "2", NodeLab.PeerIp.ToString()], TimeSpan.FromSeconds(30));
        Assert.True(ping.ExitCode == 0, ping.ToString());
        var inbound = await Proc.RunAsync("ip", ["netns", "exec", lab.PeerNs, "ping", "-c", "3", "-i", "0.2", "-W", "2", NodeLab.NodeIp.ToString()], TimeSpan.FromSeconds(30));
        Assert.True(inbound.ExitCode == 0, inbound.ToString());
        var counted = await DumpAsync(lab);
        Assert.Matches(@"table=1, n_packets=[1-9]\d*, n_bytes=\d+, priority=100,ct_state=\+est\+trk,ct_mark=0x2,ip actions=LOCAL", counted);

        await lab.RestartVswitchdAsync();
        await WaitForFlowsAsync(lab, 14, ct);

        await Proc.OutputAsync("ovs-ofctl", "del-flows", "unix:" + Path.Combine(lab.OvsRunDir, "breth0.mgmt"));
        var back = await WaitForFlowsAsync(lab, 14, ct);
        patchPort = (await lab.VsctlAsync("get", "Interface", patch, "ofport")).Trim();
        Assert.Contains($"in_port={patchPort} actions=ct(commit,zone=64000", back, StringComparison.Ordinal);
    }

    /// <summary>Waits until exactly <paramref name="count"/> flows carry the agent's cookie; returns the dump.</summary>
    private static async Task<string> WaitForFlowsAsync(NodeLab lab, int count, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Bound);
        var last = "";
        try
        {
            while (true)
            {
                last = await DumpAsync(lab);
                if (last.Split('\n').Count(l => l.Contains("cookie=" + GatewayFlows.Cookie, StringComparison.Ordinal)) == count) return last;
                await Task.Delay(100, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Assert.Fail($"breth0 did not get {count} flows with cookie {GatewayFlows.Cookie} within {Bound.TotalSeconds:0} s; last dump:\n{last}");
            throw;
        }
    }

    private static async Task<string> DumpAsync(NodeLab lab)
    {
        var dump = await Proc.RunAsync("ovs-ofctl", ["-O", "OpenFlow13", "dump-flows", "unix:" + Path.Combine(lab.OvsRunDir, "breth0.mgmt")], TimeSpan.FromSeconds(20));
        return dump.ExitCode == 0 ? dump.Stdout : "";
    }
}
