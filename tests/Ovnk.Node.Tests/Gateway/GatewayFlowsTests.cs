using Ovnk.Model.Addressing;
using Ovnk.Node.Gateway;

namespace Ovnk.Node.Tests.Gateway;

/// <summary>
/// The pure flow builder: what breth0 must do with each kind of packet (upstream's shared gateway "default bridge
/// flows"), and the parser of `bridge/dump-flows` that tells the agent they were lost.
/// </summary>
public sealed class GatewayFlowsTests
{
    private static readonly MacAddress Mac = MacAddress.TryParse("02:42:ac:12:00:02", out var mac) ? mac.Value : default;
    private static readonly GatewayBridgePorts WithPatch = new(Uplink: 1, Patch: 2, Mac);
    private static readonly GatewayBridgePorts HostOnly = new(Uplink: 1, Patch: null, Mac);

    public static TheoryData<string, string> Expected => new()
    {
        { "geneve to this node's MAC goes to LOCAL (userspace tunnel pop)", "table=0, priority=205, in_port=1, dl_dst=02:42:ac:12:00:02, udp, tp_dst=6081, actions=output:LOCAL" },
        { "geneve to other MACs is switched", "table=0, priority=200, in_port=1, udp, tp_dst=6081, actions=NORMAL" },
        { "geneve from the host (tunnel push) leaves by the uplink", "table=0, priority=200, in_port=LOCAL, udp, tp_dst=6081, actions=output:1" },
        { "IP from OVN is committed with mark 1 and leaves by the uplink, never to LOCAL", "table=0, priority=100, in_port=2, ip, actions=ct(commit,zone=64000,exec(set_field:0x1->ct_mark)),output:1" },
        { "IP from the host is committed with mark 2", "table=0, priority=100, in_port=LOCAL, ip, actions=ct(commit,zone=64000,exec(set_field:0x2->ct_mark)),output:1" },
        { "IP from the uplink goes through conntrack to table 1", "table=0, priority=50, in_port=1, ip, actions=ct(zone=64000,nat,table=1)" },
        { "ARP replies to the shared MAC go to both sides", "table=0, priority=10, in_port=1, dl_dst=02:42:ac:12:00:02, actions=output:2,output:LOCAL" },
        { "everything else is switched (the flow ovs-vswitchd itself re-adds)", "table=0, priority=0, actions=NORMAL" },
        { "replies of OVN's connections go back to OVN", "table=1, priority=100, ip, ct_state=+trk+est, ct_mark=0x1, actions=output:2" },
        { "related traffic of OVN's connections goes back to OVN", "table=1, priority=100, ip, ct_state=+trk+rel, ct_mark=0x1, actions=output:2" },
        { "replies of the host's connections go to the host", "table=1, priority=100, ip, ct_state=+trk+est, ct_mark=0x2, actions=output:LOCAL" },
        { "related traffic of the host's connections goes to the host", "table=1, priority=100, ip, ct_state=+trk+rel, ct_mark=0x2, actions=output:LOCAL" },
        { "new IP for the shared MAC is the host's", "table=1, priority=10, dl_dst=02:42:ac:12:00:02, actions=output:LOCAL" },
        { "other IP from the uplink is switched", "table=1, priority=0, actions=NORMAL" },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void WithThePatchPort_HasTheFlow(string why, string flow)
    {
        var flows = GatewayFlows.Build(WithPatch);
        Assert.True(flows.Contains("cookie=0xdeff105, " + flow), $"{why}: missing\n  {flow}\nin\n  {string.Join("\n  ", flows)}");
    }

    [Fact]
    public void WithThePatchPort_HasExactlyTheExpectedFlows_EachWithTheCookie()
    {
        var flows = GatewayFlows.Build(WithPatch);
        Assert.Equal(Expected.Count, flows.Count);
        Assert.All(flows, f => Assert.StartsWith("cookie=0xdeff105, table=", f, StringComparison.Ordinal));
        Assert.Equal(flows.Count, flows.Distinct().Count());
    }

    [Fact]
    public void BeforeOvnCreatedThePatchPort_OnlyTheHostsHalf_AndArpGoesToLocal()
    {
        var flows = GatewayFlows.Build(HostOnly);
        Assert.DoesNotContain(flows, f => f.Contains("0x1->ct_mark", StringComparison.Ordinal) || f.Contains("ct_mark=0x1", StringComparison.Ordinal));
        Assert.Contains("cookie=0xdeff105, table=0, priority=10, in_port=1, dl_dst=02:42:ac:12:00:02, actions=output:LOCAL", flows);
        Assert.Contains("cookie=0xdeff105, table=1, priority=100, ip, ct_state=+trk+est, ct_mark=0x2, actions=output:LOCAL", flows);
        Assert.Equal(Expected.Count - 3, flows.Count);
    }

    [Fact]
    public void NothingFromThePatchPortIsSentToLocal()
    {
        var fromPatch = GatewayFlows.Build(WithPatch).Where(f => f.Contains("in_port=2,", StringComparison.Ordinal)).ToList();
        Assert.Single(fromPatch);
        Assert.DoesNotContain("LOCAL", fromPatch[0], StringComparison.Ordinal);
    }

    [Fact]
    public void ToText_IsOneFlowPerLine()
    {
        var text = GatewayFlows.ToText(GatewayFlows.Build(WithPatch));
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Equal(Expected.Count, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void CountVisible_CountsOpenFlowTablesAndPriorities_NotOvsInternalFlows()
    {
        // What ovs-vswitchd 3.1 answers to `ovs-appctl bridge/dump-flows breth0` (internal table 254 and a hidden
        // in-band flow above priority 65535 are not OpenFlow-visible).
        const string dump = """
            duration=0s, n_packets=0, n_bytes=0, priority=205,udp,in_port=1,dl_dst=02:42:ac:12:00:02,tp_dst=6081,actions=LOCAL
            duration=0s, n_packets=1, n_bytes=90, priority=0,actions=NORMAL
            table_id=1, duration=0s, n_packets=0, n_bytes=0, priority=100,ct_state=+est+trk,ct_mark=0x1,ip,actions=output:2
            duration=9s, n_packets=0, n_bytes=0, priority=180008,arp,arp_op=2,actions=NORMAL
            table_id=254, duration=51s, n_packets=0, n_bytes=0, priority=2,recirc_id=0,actions=drop
            table_id=254, duration=51s, n_packets=0, n_bytes=0, priority=0,reg0=0x1,actions=controller(reason=)
            """;
        Assert.Equal(3, BridgeFlowDump.CountVisible(dump));
        Assert.Equal(0, BridgeFlowDump.CountVisible(""));
    }
}
