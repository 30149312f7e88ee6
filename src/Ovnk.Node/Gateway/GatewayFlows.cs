using System.Globalization;

namespace Ovnk.Node.Gateway;

/// <summary>
/// Pure: breth0's OpenFlow flows in shared gateway mode (upstream's "default bridge flows", reduced to what works
/// today: no services/NodePort, IPv4). breth0 (LOCAL) and the gateway router's external port (behind the patch port)
/// share one MAC, so NORMAL would learn that MAC alternately on both and deliver replies to whichever spoke last.
/// Instead every IP connection leaving through the uplink is committed in conntrack zone <see cref="ConntrackZone"/>
/// with a mark saying who opened it (<see cref="CtMarkOvn"/> from the patch port, <see cref="CtMarkHost"/> from
/// LOCAL); traffic arriving on the uplink goes through conntrack and table 1 sends replies back by that mark, and
/// new traffic for the shared MAC to the host. Geneve to the node skips conntrack and goes to LOCAL, where the
/// userspace datapath pops the tunnel (LAB-NOTES item 3). ARP for the shared MAC goes to both sides.
/// </summary>
public static class GatewayFlows
{
    /// <summary>Upstream's cookie for these flows ("defflos"): `ovs-ofctl dump-flows breth0` shows which are ours.</summary>
    public const string Cookie = "0xdeff105";

    /// <summary>Upstream's conntrack zone for breth0 (config.Default.ConntrackZone); OVN allocates its zones from 1 up.</summary>
    public const int ConntrackZone = 64000;

    /// <summary>ct_mark of connections opened from OVN (the gateway router, through the patch port).</summary>
    public const string CtMarkOvn = "0x1";

    /// <summary>ct_mark of connections opened by the host (LOCAL).</summary>
    public const string CtMarkHost = "0x2";

    /// <summary>Geneve's IANA port (RFC 8926 §3.3), OVN's default encapsulation.</summary>
    public const int GenevePort = 6081;

    /// <summary>The OpenFlow name of the bridge's own (internal) port, the host's side.</summary>
    private const string Local = "LOCAL";

    /// <summary>The flows, in ovs-ofctl's flow syntax, one per line, every one carrying <see cref="Cookie"/>.</summary>
    public static IReadOnlyList<string> Build(GatewayBridgePorts ports)
    {
        ArgumentNullException.ThrowIfNull(ports);
        return [.. Classify(ports), .. DispatchReplies(ports)];
    }

    /// <summary>The flows as ovs-ofctl reads them from a file or stdin.</summary>
    public static string ToText(IEnumerable<string> flows) => string.Concat(flows.Select(f => f + "\n"));

    /// <summary>Table 0: by input port.</summary>
    private static IEnumerable<string> Classify(GatewayBridgePorts p)
    {
        var uplink = Port(p.Uplink);
        var mac = p.Mac.ToString();
        // Geneve to this node: straight to LOCAL (tunnel pop); to other MACs: as a switch would; from LOCAL (tunnel push
        // enters breth0 as if sent by LOCAL): out the uplink. None of it through conntrack.
        yield return Flow(0, 205, $"in_port={uplink}, dl_dst={mac}, udp, tp_dst={GenevePort}", $"output:{Local}");
        yield return Flow(0, 200, $"in_port={uplink}, udp, tp_dst={GenevePort}", "NORMAL");
        yield return Flow(0, 200, $"in_port={Local}, udp, tp_dst={GenevePort}", $"output:{uplink}");
        if (p.Patch is { } patch)
            yield return Flow(0, 100, $"in_port={Port(patch)}, ip", $"ct(commit,zone={ConntrackZone},exec(set_field:{CtMarkOvn}->ct_mark)),output:{uplink}");
        yield return Flow(0, 100, $"in_port={Local}, ip", $"ct(commit,zone={ConntrackZone},exec(set_field:{CtMarkHost}->ct_mark)),output:{uplink}");
        yield return Flow(0, 50, $"in_port={uplink}, ip", $"ct(zone={ConntrackZone},nat,table=1)");
        // Non-IP for the shared MAC (ARP replies): both sides may have asked.
        yield return Flow(0, 10, $"in_port={uplink}, dl_dst={mac}", p.Patch is { } both ? $"output:{Port(both)},output:{Local}" : $"output:{Local}");
        // Everything else (ARP requests, broadcasts, IPv6): a learning switch. ovs-vswitchd itself re-adds exactly this
        // flow on reconfiguration of a bridge without controller, so it must stay "priority=0 actions=NORMAL".
        yield return Flow(0, 0, "", "NORMAL");
    }

    /// <summary>Table 1: IP from the uplink after conntrack.</summary>
    private static IEnumerable<string> DispatchReplies(GatewayBridgePorts p)
    {
        if (p.Patch is { } patch)
        {
            yield return Flow(1, 100, $"ip, ct_state=+trk+est, ct_mark={CtMarkOvn}", $"output:{Port(patch)}");
            yield return Flow(1, 100, $"ip, ct_state=+trk+rel, ct_mark={CtMarkOvn}", $"output:{Port(patch)}");
        }
        yield return Flow(1, 100, $"ip, ct_state=+trk+est, ct_mark={CtMarkHost}", $"output:{Local}");
        yield return Flow(1, 100, $"ip, ct_state=+trk+rel, ct_mark={CtMarkHost}", $"output:{Local}");
        // New connections to the node IP are the host's (services will add their own flows above this).
        yield return Flow(1, 10, $"dl_dst={p.Mac}", $"output:{Local}");
        yield return Flow(1, 0, "", "NORMAL");
    }

    private static string Flow(int table, int priority, string match, string actions) =>
        string.Create(CultureInfo.InvariantCulture, $"cookie={Cookie}, table={table}, priority={priority}, {(match.Length > 0 ? match + ", " : "")}actions={actions}");

    private static string Port(long ofport) => ofport.ToString(CultureInfo.InvariantCulture);
}
