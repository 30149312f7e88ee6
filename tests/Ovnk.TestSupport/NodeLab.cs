using System.Net;
using k8s;
using k8s.Models;
using Ovnk.Lab;
using Ovnk.Linux.Namespaces;
using Ovnk.Model.Annotations;
using Ovnk.Node;

namespace Ovnk.TestSupport;

/// <summary>
/// One node built from namespaces (tests and <c>ovnk bench cni</c>): netns <c>node-XXXXXX</c> whose <c>eth0</c> is a veth to a peer netns
/// (the "physical network", 192.168.77.1/24, the node's default gateway), the node's own ovsdb-server and
/// ovs-vswitchd (netdev datapath, inside the node netns), optionally NB/SB ovsdb-servers, ovn-northd and
/// ovn-controller, and a lab API server on loopback with the Node object. Everything lives in a temp directory and
/// the test's own namespaces; dispose kills what it started by pid and deletes both namespaces.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class NodeLab : IAsyncDisposable
{
    /// <summary>The node's IP on its eth0.</summary>
    public static readonly IPAddress NodeIp = IPAddress.Parse("192.168.77.2");

    /// <summary>The "physical network" peer: the node's default gateway.</summary>
    public static readonly IPAddress PeerIp = IPAddress.Parse("192.168.77.1");

    /// <summary>The default node subnet (k8s.ovn.org/node-subnets).</summary>
    public static readonly IPNetwork Subnet = IPNetwork.Parse("10.244.3.0/24");

    /// <summary>The cluster CIDR.</summary>
    public static readonly IPNetwork ClusterCidr = IPNetwork.Parse("10.244.0.0/16");

    private readonly List<IAsyncDisposable> owned = [];
    private readonly List<string> namespaces = [];

    private NodeLab(string suffix, IPNetwork nodeSubnet, string prefix)
    {
        Suffix = suffix;
        NodeSubnet = nodeSubnet;
        NodeName = prefix + suffix;
        NodeNs = prefix + suffix;
        PeerNs = prefix + suffix + "-peer";
        Dir = new TempDirectory("ovnk-node-lab");
    }

    /// <summary>The random suffix of every global name.</summary>
    public string Suffix { get; }

    /// <summary>The Node object's name.</summary>
    public string NodeName { get; }

    /// <summary>The node's network namespace (ip netns name).</summary>
    public string NodeNs { get; }

    /// <summary>The node namespace's /run/netns path.</summary>
    public string NodeNsPath => NetNs.PathOf(NodeNs);

    /// <summary>The peer ("physical network") namespace.</summary>
    public string PeerNs { get; }

    /// <summary>The peer namespace's /run/netns path.</summary>
    public string PeerNsPath => NetNs.PathOf(PeerNs);

    /// <summary>The node subnet written into the Node's k8s.ovn.org/node-subnets.</summary>
    public IPNetwork NodeSubnet { get; }

    /// <summary>Everything on disk.</summary>
    public TempDirectory Dir { get; }

    /// <summary>The node's Open_vSwitch database.</summary>
    public OvsdbServer Vswitch { get; private set; } = null!;

    /// <summary>The NB database (with OVN).</summary>
    public OvsdbServer? Nb { get; private set; }

    /// <summary>The SB database (with OVN).</summary>
    public OvsdbServer? Sb { get; private set; }

    /// <summary>The lab API server.</summary>
    public ApiServer Api { get; private set; } = null!;

    /// <summary>ovn-controller, once started.</summary>
    public Daemon? OvnController { get; private set; }

    /// <summary>OVS_RUNDIR of the node's daemons.</summary>
    public string OvsRunDir => Dir.File("ovs");

    /// <summary>ovs-vswitchd's unixctl socket (ovs-appctl -t).</summary>
    public string VswitchdControl => Path.Combine(OvsRunDir, "ovs-vswitchd.ctl");

    private Daemon? vswitchd;

    /// <summary>
    /// Builds the node: namespaces, OVS, (with <paramref name="ovn"/>) NB/SB and ovn-northd, the API server with the
    /// Node object annotated with <paramref name="nodeSubnet"/> (default <see cref="Subnet"/>). Global names start with
    /// <paramref name="prefix"/> and a random suffix.
    /// </summary>
    public static async Task<NodeLab> StartAsync(bool ovn, CancellationToken cancellationToken, IPNetwork? nodeSubnet = null, string prefix = "node-")
    {
        var lab = new NodeLab(Guid.NewGuid().ToString("N")[..6], nodeSubnet ?? Subnet, prefix);
        try
        {
            await lab.BuildNetworkAsync();
            await lab.StartOvsAsync();
            if (ovn) await lab.StartOvnAsync();
            await lab.StartApiAsync(cancellationToken);
            return lab;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client of the lab API server (dispose it).</summary>
    public Kubernetes Client() => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(Api.KubeconfigPath));

    /// <summary>Node agent options pointing at this lab's databases, namespaces and temp dirs.</summary>
    public NodeOptions Options(string? socketPath = null) => new()
    {
        NodeName = NodeName,
        OvsDatabase = Vswitch.UnixRemote,
        OvnRemote = Sb?.UnixRemote ?? "unix:" + Dir.File("no-sb.sock"),
        Kubeconfig = Api.KubeconfigPath,
        NetNsPath = NodeNsPath,
        Uplink = "eth0",
        CniConfDir = Dir.File("net.d"),
        CniBinDir = Dir.File("bin"),
        CniSocketPath = socketPath ?? Path.Combine(Dir.File("run"), "cni", "ovn-cni-server.sock"),
        ClusterCidr = ClusterCidr,
        PodReadyTimeout = TimeSpan.FromSeconds(30),
        NodeSubnetTimeout = TimeSpan.FromSeconds(30),
        VswitchdControl = VswitchdControl,
        OvsRunDir = OvsRunDir,
    };

    /// <summary>ovs-vsctl on the node's database (oracle and setup only).</summary>
    public Task<string> VsctlAsync(params string[] args) => Proc.OutputAsync("ovs-vsctl", ["--db=" + Vswitch.UnixRemote, "--timeout=20", .. args]);

    /// <summary>ovn-nbctl on the NB.</summary>
    public Task<string> NbctlAsync(params string[] args) => Proc.OutputAsync("ovn-nbctl", ["--db=" + Nb!.UnixRemote, "--timeout=20", .. args]);

    /// <summary>ovn-sbctl on the SB.</summary>
    public Task<string> SbctlAsync(params string[] args) => Proc.OutputAsync("ovn-sbctl", ["--db=" + Sb!.UnixRemote, "--timeout=20", .. args]);

    /// <summary>`ip` in the node's namespace (oracle and test setup only).</summary>
    public Task<string> IpAsync(params string[] args) => Proc.OutputAsync("ip", ["-n", NodeNs, .. args]);

    /// <summary>Creates a netns owned by this lab (deleted on dispose).</summary>
    public async Task<string> AddNamespaceAsync(string name)
    {
        await Proc.OutputAsync("ip", "netns", "add", name);
        namespaces.Add(name);
        await Proc.OutputAsync("ip", "-n", name, "link", "set", "lo", "up");
        // No IPv6: router solicitations and MLD would only add noise to OVS and OVN (as lab-recipe.sh).
        await Proc.RunAsync("ip", ["netns", "exec", name, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1"]);
        return name;
    }

    private async Task BuildNetworkAsync()
    {
        await AddNamespaceAsync(NodeNs);
        await AddNamespaceAsync(PeerNs);
        var peerIf = "np-" + Suffix;
        await Proc.OutputAsync("ip", "-n", PeerNs, "link", "add", peerIf, "type", "veth", "peer", "name", "eth0", "netns", NodeNs);
        await Proc.OutputAsync("ip", "-n", PeerNs, "addr", "add", PeerIp + "/24", "dev", peerIf);
        await Proc.OutputAsync("ip", "-n", PeerNs, "link", "set", peerIf, "up");
        // The "physical network" completes its checksums, as a real NIC does: the userspace datapath reads eth0 with
        // AF_PACKET and never completes a checksum a veth sender left to offload (LAB-NOTES item 4).
        await Proc.OutputAsync("ip", "netns", "exec", PeerNs, "ethtool", "-K", peerIf, "tx", "off");
        await Proc.OutputAsync("ip", "-n", NodeNs, "addr", "add", NodeIp + "/24", "dev", "eth0");
        await Proc.OutputAsync("ip", "-n", NodeNs, "link", "set", "eth0", "up");
        await Proc.OutputAsync("ip", "-n", NodeNs, "route", "add", "default", "via", PeerIp.ToString());
    }

    private Dictionary<string, string> Env() => new()
    {
        ["OVS_RUNDIR"] = OvsRunDir, ["OVS_DBDIR"] = OvsRunDir, ["OVS_LOGDIR"] = OvsRunDir,
        ["OVN_RUNDIR"] = Dir.File("ovn"), ["OVN_DBDIR"] = Dir.File("ovn"), ["OVN_LOGDIR"] = Dir.File("ovn"),
    };

    private async Task StartOvsAsync()
    {
        Directory.CreateDirectory(OvsRunDir);
        Directory.CreateDirectory(Dir.File("ovn"));
        Vswitch = await OvsdbServer.StartAsync(OvsdbServer.VswitchSchema);
        owned.Add(Vswitch);
        await VsctlAsync("--no-wait", "init");
        StartVswitchd();
        // ovs-vswitchd bumps cur_cfg once it has read the database: then it is serving.
        await VsctlAsync("set", "Open_vSwitch", ".", "other_config:vlan-limit=0");
    }

    private void StartVswitchd()
    {
        vswitchd = Daemon.Start("ovs-vswitchd", [Vswitch.UnixRemote, "--pidfile=" + Path.Combine(OvsRunDir, "ovs-vswitchd.pid"),
            "--unixctl=" + VswitchdControl, "-vconsole:off", "--log-file=" + Path.Combine(OvsRunDir, "ovs-vswitchd.log")],
            Env(), NodeNs, Path.Combine(OvsRunDir, "ovs-vswitchd.log"));
        owned.Add(vswitchd);
    }

    /// <summary>Kills ovs-vswitchd (by pid) and starts it again; waits until it serves the database.</summary>
    public async Task RestartVswitchdAsync()
    {
        await vswitchd!.KillAsync();
        if (File.Exists(VswitchdControl)) File.Delete(VswitchdControl);
        StartVswitchd();
        await VsctlAsync("set", "Open_vSwitch", ".", "other_config:vlan-limit=0");
    }

    private async Task StartOvnAsync()
    {
        Nb = await OvsdbServer.StartAsync(OvsdbServer.NorthboundSchema);
        owned.Add(Nb);
        Sb = await OvsdbServer.StartAsync(OvsdbServer.SouthboundSchema);
        owned.Add(Sb);
        Northd = await OvnNorthd.StartAsync(Nb.UnixRemote, Sb.UnixRemote);
        owned.Add(Northd);
    }

    /// <summary>ovn-northd (with OVN).</summary>
    public OvnNorthd? Northd { get; private set; }

    /// <summary>
    /// With OVN: the node switch in the NB (playing the controller), one node-agent setup (so br-int exists with the
    /// node's datapath and the Open_vSwitch external_ids are written), then ovn-controller in the node, registered as a
    /// chassis in the SB. Returns the chassis id.
    /// </summary>
    public async Task<string> StartOvnNodeAsync(CancellationToken cancellationToken)
    {
        await NbctlAsync("ls-add", NodeName, "--", "set", "Logical_Switch", NodeName, "other_config:subnet=" + NodeSubnet);
        string chassisId;
        await using (var agent = await NodeAgent.StartAsync(Options(), cancellationToken))
            chassisId = agent.Setup.ChassisId;
        StartOvnController();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await SbctlAsync("--bare", "--columns=name", "find", "Chassis", "name=" + chassisId)).Trim() != chassisId)
        {
            if (DateTime.UtcNow > deadline)
            {
                var log = Dir.File("ovn/ovn-controller.log");
                throw new TimeoutException($"ovn-controller did not register chassis {chassisId} in 60 s: {(File.Exists(log) ? await File.ReadAllTextAsync(log, cancellationToken) : "no log")}");
            }
            await Task.Delay(100, cancellationToken);
        }
        return chassisId;
    }

    /// <summary>Starts ovn-controller in the node (after the agent has written the Open_vSwitch external_ids it reads).</summary>
    public Daemon StartOvnController()
    {
        var ovn = Dir.File("ovn");
        OvnController = Daemon.Start("ovn-controller", [Vswitch.UnixRemote, "--pidfile=" + Path.Combine(ovn, "ovn-controller.pid"),
            "-vconsole:off", "--log-file=" + Path.Combine(ovn, "ovn-controller.log")], Env(), NodeNs);
        owned.Add(OvnController);
        return OvnController;
    }

    private async Task StartApiAsync(CancellationToken cancellationToken)
    {
        Api = await ApiServer.StartAsync(new ApiServerOptions
        {
            StateDirectory = Dir.File("api"),
            Listen = [new IPEndPoint(IPAddress.Loopback, 0)],
            RunControllers = false,
        }, cancellationToken);
        owned.Add(Api);
        using var client = Client();
        var subnets = NodeSubnetsAnnotation.Format(new Dictionary<string, IReadOnlyList<IPNetwork>> { [AnnotationKeys.DefaultNetwork] = [NodeSubnet] });
        await client.CoreV1.CreateNodeAsync(new V1Node
        {
            Metadata = new V1ObjectMeta { Name = NodeName, Annotations = new Dictionary<string, string> { [AnnotationKeys.NodeSubnets] = subnets } },
        }, cancellationToken: cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        for (var i = owned.Count - 1; i >= 0; i--)
        {
            try
            {
                await owned[i].DisposeAsync();
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or OperationCanceledException)
            {
                // keep cleaning up the rest
            }
        }
        foreach (var ns in Enumerable.Reverse(namespaces))
            await Proc.RunAsync("ip", ["netns", "del", ns]);
        Dir.Dispose();
    }
}
