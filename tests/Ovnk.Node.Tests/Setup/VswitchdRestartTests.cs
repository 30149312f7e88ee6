using System.Net;
using k8s;
using k8s.Models;
using Ovnk.Model.Addressing;
using Ovnk.Model.Annotations;
using Ovnk.Node.Setup;
using Ovnk.Node.Tests.Support;
using Ovnk.TestSupport;

namespace Ovnk.Node.Tests.Setup;

/// <summary>
/// ovs-vswitchd restarts with the netdev datapath. LAB-NOTES item 6: the agent seeds ovs-vswitchd's tunnel neighbour
/// cache with other nodes' IP → breth0 MAC (from their l3-gateway-config) and re-seeds a restarted ovs-vswitchd
/// (`ovs-appctl tnl/neigh/show` is the oracle). breth0 is a tap owned by ovs-vswitchd; should the node IP be lost
/// with it, the next agent start puts it back from the l3-gateway-config it published.
/// </summary>
public sealed class VswitchdRestartTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task OtherNodesAreSeeded_ReseededAfterARestart_AndTheNextAgentStartRestoresTheNodeIp()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await NodeLab.StartAsync(ovn: false, ct);
        using var kube = lab.Client();
        var peerConfig = new L3GatewayConfig(GatewayMode.Shared, "breth0", "breth0_other", MacAddress.TryParse("02:42:ac:12:00:09", out var mac) ? mac : null,
            [new InterfaceAddress(IPAddress.Parse("192.168.77.9"), 24)], [NodeLab.PeerIp], true, 0);
        await kube.CoreV1.CreateNodeAsync(new V1Node
        {
            Metadata = new V1ObjectMeta
            {
                Name = "other-" + lab.Suffix,
                Annotations = new Dictionary<string, string> { [AnnotationKeys.L3GatewayConfig] = L3GatewayConfigAnnotation.Format(peerConfig) },
            },
        }, cancellationToken: ct);

        await using (var agent = await NodeAgent.StartAsync(lab.Options(), ct).WaitAsync(Bound, ct))
        {
            await WaitForEntryAsync(lab, ct);
            await lab.RestartVswitchdAsync();
            await WaitForEntryAsync(lab, ct);
        }
        // breth0 is a tap ovs-vswitchd owns; should it come back without the node IP (recreated), the IP is on no
        // interface at all. Take it away to get there deterministically.
        await lab.IpAsync("addr", "flush", "dev", "breth0");
        Assert.DoesNotContain("192.168.77.2", await lab.IpAsync("-4", "addr"), StringComparison.Ordinal);

        await using var restarted = await NodeAgent.StartAsync(lab.Options(), ct).WaitAsync(Bound, ct);
        Assert.Contains("inet 192.168.77.2/24", await lab.IpAsync("-4", "addr", "show", "dev", "breth0"), StringComparison.Ordinal);
        Assert.Contains("default via 192.168.77.1 dev breth0", await lab.IpAsync("route", "show", "default"), StringComparison.Ordinal);
        var ping = await Proc.RunAsync("ip", ["netns", "exec", lab.NodeNs, "ping", "-c", "2", "-W", "2", NodeLab.PeerIp.ToString()], TimeSpan.FromSeconds(30));
        Assert.True(ping.ExitCode == 0, ping.ToString());
    }

    private static async Task WaitForEntryAsync(NodeLab lab, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Bound);
        while (true)
        {
            var shown = await Proc.RunAsync("ovs-appctl", ["-t", lab.VswitchdControl, "tnl/neigh/show"]);
            if (shown.ExitCode == 0 && TunnelNeighbours.ParseShow(shown.Stdout).Contains((IPAddress.Parse("192.168.77.9"), "02:42:ac:12:00:09")))
                return;
            await Task.Delay(100, deadline.Token);
        }
    }
}
