using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using k8s;
using Ovnk.Linux.Namespaces;
using Ovnk.Model.Annotations;
using Ovnk.Node.Kube;
using Ovnk.Node.Ovs;
using Ovnk.Node.Setup;
using Ovnk.Node.Tests.Support;
using Ovnk.TestSupport;

namespace Ovnk.Node.Tests.Setup;

/// <summary>
/// Acceptance 5 and slice 1: node setup against a real ovsdb-server + ovs-vswitchd (netdev) in a test netns, with
/// `ip -j`, `ovs-vsctl`, `sysctl` and the API as oracles. A TCP connection from the peer namespace to the node IP
/// survives the move of the IP from eth0 onto breth0, and a second start changes nothing.
/// </summary>
public sealed class NodeSetupTests
{
    private const int Port = 7777;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Setup_MovesTheUplinkUnderBreth0_TheTcpConnectionSurvives_AndASecondStartChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await NodeLab.StartAsync(ovn: false, ct);
        var eth0Mac = JsonDocument.Parse(await lab.IpAsync("-j", "link", "show", "eth0")).RootElement[0].GetProperty("address").GetString();
        using var listener = NetNs.Run(lab.NodeNsPath, () =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            s.Bind(new IPEndPoint(IPAddress.Any, Port));
            s.Listen();
            return s;
        });
        using var client = NetNs.Run(lab.PeerNsPath, () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        await client.ConnectAsync(new IPEndPoint(NodeLab.NodeIp, Port), ct).AsTask().WaitAsync(Bound, ct);
        using var server = await listener.AcceptAsync(ct).AsTask().WaitAsync(Bound, ct);
        await ExchangeAsync(client, server, "before the move", ct);

        var first = await RunSetupAsync(lab, ct);
        await ExchangeAsync(client, server, "after the move", ct);

        // The node IP and default route are on breth0, eth0 keeps none; breth0 carries eth0's MAC.
        Assert.Equal(["192.168.77.2/24"], await AddressesAsync(lab, "breth0"));
        Assert.Empty(await AddressesAsync(lab, "eth0"));
        var defaults = JsonDocument.Parse(await lab.IpAsync("-j", "route", "show", "default")).RootElement.EnumerateArray().ToList();
        Assert.Single(defaults);
        Assert.Equal("breth0", defaults[0].GetProperty("dev").GetString());
        Assert.Equal("192.168.77.1", defaults[0].GetProperty("gateway").GetString());
        Assert.Equal(eth0Mac, JsonDocument.Parse(await lab.IpAsync("-j", "link", "show", "breth0")).RootElement[0].GetProperty("address").GetString());
        Assert.Equal(eth0Mac, await GetAsync(lab, "Bridge", "breth0", "other_config:hwaddr"));
        Assert.Equal("breth0", (await lab.VsctlAsync("port-to-br", "eth0")).Trim());
        Assert.Equal("secure", await GetAsync(lab, "Bridge", "br-int", "fail_mode"));
        Assert.Equal("netdev", await GetAsync(lab, "Bridge", "br-int", "datapath_type"));
        Assert.Equal("8", await SysctlAsync(lab, "net.ipv4.conf.eth0.arp_ignore"));
        Assert.Equal("1", await SysctlAsync(lab, "net.ipv4.conf.eth0.rp_filter"));

        // Open_vSwitch external_ids (centralized mode).
        var systemId = await GetAsync(lab, "Open_vSwitch", ".", "external_ids:system-id");
        Assert.True(Guid.TryParse(systemId, out _), systemId);
        Assert.Equal(first.ChassisId, systemId);
        Assert.Equal("192.168.77.2", await GetAsync(lab, "Open_vSwitch", ".", "external_ids:ovn-encap-ip"));
        Assert.Equal("geneve", await GetAsync(lab, "Open_vSwitch", ".", "external_ids:ovn-encap-type"));
        Assert.Equal("physnet:breth0", await GetAsync(lab, "Open_vSwitch", ".", "external_ids:ovn-bridge-mappings"));
        Assert.Equal(lab.NodeName, await GetAsync(lab, "Open_vSwitch", ".", "external_ids:hostname"));

        // ovn-k8s-mp0: internal port on br-int, .2, cluster CIDR via .1, permanent neighbour for .1.
        Assert.Equal("br-int", (await lab.VsctlAsync("port-to-br", "ovn-k8s-mp0")).Trim());
        Assert.Equal($"k8s-{lab.NodeName}", await GetAsync(lab, "Interface", "ovn-k8s-mp0", "external_ids:iface-id"));
        Assert.Equal("internal", await GetAsync(lab, "Interface", "ovn-k8s-mp0", "type"));
        Assert.Equal(["10.244.3.2/24"], await AddressesAsync(lab, "ovn-k8s-mp0"));
        Assert.Equal("0a:58:0a:f4:03:02", JsonDocument.Parse(await lab.IpAsync("-j", "link", "show", "ovn-k8s-mp0")).RootElement[0].GetProperty("address").GetString());
        var cluster = JsonDocument.Parse(await lab.IpAsync("-j", "route", "show", "10.244.0.0/16")).RootElement[0];
        Assert.Equal("10.244.3.1", cluster.GetProperty("gateway").GetString());
        Assert.Equal("ovn-k8s-mp0", cluster.GetProperty("dev").GetString());
        var neighbour = JsonDocument.Parse(await lab.IpAsync("-j", "neigh", "show", "10.244.3.1", "dev", "ovn-k8s-mp0")).RootElement[0];
        Assert.Equal("0a:58:0a:f4:03:01", neighbour.GetProperty("lladdr").GetString());
        Assert.Contains("PERMANENT", neighbour.GetProperty("state").EnumerateArray().Select(s => s.GetString()));

        // The annotations upstream publishes.
        using var kube = lab.Client();
        var node = await kube.CoreV1.ReadNodeAsync(lab.NodeName, cancellationToken: ct);
        var annotations = node.Metadata.Annotations;
        Assert.Equal(systemId, annotations[AnnotationKeys.NodeChassisId]);
        var gateway = L3GatewayConfigAnnotation.Parse(annotations[AnnotationKeys.L3GatewayConfig]);
        Assert.True(gateway.IsSuccess, gateway.Error?.ToString());
        Assert.Equal(eth0Mac, gateway.Value.Mac.ToString());
        Assert.Equal("192.168.77.2/24", gateway.Value.IpAddresses[0].ToString());
        Assert.Equal("192.168.77.1", gateway.Value.NextHops[0].ToString());
        Assert.Equal($"breth0_{lab.NodeName}", gateway.Value.InterfaceId);
        Assert.Equal("{\"ipv4\":\"192.168.77.2/24\"}", annotations[AnnotationKeys.NodePrimaryIfAddr]);
        Assert.Equal("[\"192.168.77.2/24\"]", annotations[AnnotationKeys.HostCidrs]);
        Assert.Equal("{\"default\":\"0a:58:0a:f4:03:02\"}", annotations[AnnotationKeys.NodeMgmtPortMacAddresses]);

        // The CNI config, compact as upstream writes it.
        var conf = await File.ReadAllTextAsync(Path.Combine(lab.Options().CniConfDir, "10-ovn-kubernetes.conf"), ct);
        Assert.StartsWith("{\"cniVersion\":\"1.0.0\",\"name\":\"ovn-kubernetes\",\"type\":\"ovn-k8s-cni-overlay\"", conf, StringComparison.Ordinal);

        // A second start finds everything in place and changes nothing: OVS rows, kernel state, the Node object.
        var before = await SnapshotAsync(lab);
        var second = await RunSetupAsync(lab, ct);
        Assert.Equal(first.ChassisId, second.ChassisId);
        Assert.Equal(first.Subnet, second.Subnet);
        Assert.Equal(first.Uplink.Addresses, second.Uplink.Addresses);
        Assert.Equal(first.Uplink.Gateway, second.Uplink.Gateway);
        Assert.Equal(first.Uplink.BridgeMac, second.Uplink.BridgeMac);
        Assert.Equal(before, await SnapshotAsync(lab));
        await ExchangeAsync(client, server, "after the second start", ct);
    }

    private static async Task<NodeSetupResult> RunSetupAsync(NodeLab lab, CancellationToken ct)
    {
        var options = lab.Options();
        await using var db = await VswitchDb.ConnectAsync(options.OvsDatabase, ct);
        using var kube = lab.Client();
        await using var node = new WatchedStore<k8s.Models.V1Node, k8s.Models.V1NodeList>(KubeAdapters.Node(kube, lab.NodeName));
        await node.StartAsync(ct).WaitAsync(Bound, ct);
        return await NodeSetup.RunAsync(options, db, kube, node, ct).WaitAsync(Bound, ct);
    }

    private static async Task ExchangeAsync(Socket client, Socket server, string when, CancellationToken ct)
    {
        var request = Encoding.ASCII.GetBytes("ping " + when);
        await client.SendAsync(request, ct).AsTask().WaitAsync(Bound, ct);
        Assert.Equal(request, await ReceiveAsync(server, request.Length, ct));
        var reply = Encoding.ASCII.GetBytes("pong " + when);
        await server.SendAsync(reply, ct).AsTask().WaitAsync(Bound, ct);
        Assert.Equal(reply, await ReceiveAsync(client, reply.Length, ct));
    }

    private static async Task<byte[]> ReceiveAsync(Socket socket, int length, CancellationToken ct)
    {
        var buffer = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), ct).AsTask().WaitAsync(Bound, ct);
            Assert.True(n > 0, "the connection was closed");
            read += n;
        }
        return buffer;
    }

    private static async Task<List<string>> AddressesAsync(NodeLab lab, string dev) =>
        [.. JsonDocument.Parse(await lab.IpAsync("-j", "-4", "addr", "show", "dev", dev)).RootElement.EnumerateArray()
            .SelectMany(l => l.GetProperty("addr_info").EnumerateArray()).Select(a => $"{a.GetProperty("local").GetString()}/{a.GetProperty("prefixlen").GetInt32()}")];

    private static async Task<string> GetAsync(NodeLab lab, params string[] args) =>
        (await lab.VsctlAsync(["get", .. args])).Trim().Trim('"');

    private static async Task<string> SysctlAsync(NodeLab lab, string key) =>
        (await Proc.OutputAsync("ip", "netns", "exec", lab.NodeNs, "sysctl", "-n", key)).Trim();

    private static async Task<string> SnapshotAsync(NodeLab lab)
    {
        var sb = new StringBuilder();
        string[][] dumps =
        [
            ["Open_vSwitch", "external_ids", "bridges", "other_config"],
            ["Bridge", "name", "ports", "other_config", "external_ids", "fail_mode", "datapath_type"],
            ["Port", "name", "interfaces", "other_config"],
            ["Interface", "name", "type", "external_ids", "mac", "mtu_request", "ofport"],
        ];
        foreach (var dump in dumps)
            sb.AppendLine(await Proc.OutputAsync("ovsdb-client", ["dump", lab.Vswitch.UnixRemote, "Open_vSwitch", .. dump]));
        foreach (var what in new[] { "addr", "route", "neigh" })
            sb.AppendLine(what == "neigh" ? await lab.IpAsync("-j", "neigh", "show", "nud", "permanent") : await lab.IpAsync("-j", what));
        using var kube = lab.Client();
        var node = await kube.CoreV1.ReadNodeAsync(lab.NodeName);
        sb.AppendLine(node.Metadata.ResourceVersion);
        return sb.ToString();
    }
}
