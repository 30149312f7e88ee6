using System.CommandLine;
using System.Net;
using Microsoft.Extensions.Logging;
using Ovnk.Node;

namespace Ovnk.Cli;

/// <summary><c>ovnk node --node-name N …</c>: the node agent (ovnkube-node); every path is an option so tests and the lab run it in temp dirs.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class NodeCommand
{
    public static Command Create()
    {
        var nodeName = new Option<string?>("--node-name") { Description = "This node's Kubernetes name (env K8S_NODE).", DefaultValueFactory = _ => EnvDefaults.String("K8S_NODE") };
        var ovsDb = new Option<string>("--ovs-db") { Description = "The node's Open_vSwitch database.", DefaultValueFactory = _ => "unix:/var/run/openvswitch/db.sock" };
        var ovnRemote = new Option<string?>("--ovn-remote") { Description = "The SB database for ovn-controller (external_ids:ovn-remote; env OVN_SB).", DefaultValueFactory = _ => EnvDefaults.String("OVN_SB") };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Kubeconfig of the API server (default: in-cluster)." };
        var netns = new Option<string?>("--netns") { Description = "The node's network namespace file (default: the agent's own)." };
        var uplink = new Option<string>("--uplink") { Description = "The NIC that moves under breth0.", DefaultValueFactory = _ => "eth0" };
        var datapath = new Option<string>("--datapath-type") { Description = "OVS datapath type: netdev (userspace) or system (env OVN_DATAPATH_TYPE).", DefaultValueFactory = _ => EnvDefaults.String("OVN_DATAPATH_TYPE", "netdev") };
        var confDir = new Option<string>("--cni-conf-dir") { DefaultValueFactory = _ => "/etc/cni/net.d" };
        var binDir = new Option<string>("--cni-bin-dir") { DefaultValueFactory = _ => "/opt/cni/bin" };
        var plugin = new Option<string?>("--cni-plugin") { Description = "The ovn-k8s-cni-overlay binary to install into --cni-bin-dir (default: the one next to this ovnk binary, when present)." };
        var socket = new Option<string>("--cni-socket") { DefaultValueFactory = _ => Ovnk.Node.Cni.CniServer.DefaultSocketPath };
        var cluster = new Option<string>("--cluster-cidr") { Description = "The pod network (env OVN_NET_CIDR).", DefaultValueFactory = _ => EnvDefaults.String("OVN_NET_CIDR", "10.244.0.0/16") };
        var mtu = new Option<int>("--mtu") { Description = "Pod MTU (env OVN_MTU).", DefaultValueFactory = r => EnvDefaults.Int(r, "OVN_MTU", 1400) };
        var vswitchdCtl = new Option<string?>("--vswitchd-ctl") { Description = "ovs-vswitchd's unixctl socket (default: from --ovs-rundir's ovs-vswitchd.pid, re-read after restarts)." };
        var ovsRunDir = new Option<string>("--ovs-rundir") { Description = "ovs-vswitchd's run directory: its pidfile and breth0.mgmt (env OVS_RUNDIR).", DefaultValueFactory = _ => EnvDefaults.String("OVS_RUNDIR", "/var/run/openvswitch") };
        var command = new Command("node", "Run the node agent: node setup, then the CNI server.")
        {
            nodeName, ovsDb, ovnRemote, kubeconfig, netns, uplink, datapath, confDir, binDir, plugin, socket, cluster, mtu, vswitchdCtl, ovsRunDir,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            void Error(string m) => Console.Error.WriteLine("ovnk node: " + m);
            if (EnvDefaults.Require(parse.GetValue(nodeName), "--node-name", "K8S_NODE", Error) is not { } name
                || EnvDefaults.Require(parse.GetValue(ovnRemote), "--ovn-remote", "OVN_SB", Error) is not { } remote)
                return Task.FromResult(2);
            return RunAsync(new NodeOptions
            {
                NodeName = name, OvsDatabase = parse.GetValue(ovsDb)!, OvnRemote = remote,
                Kubeconfig = parse.GetValue(kubeconfig), NetNsPath = parse.GetValue(netns), Uplink = parse.GetValue(uplink)!,
                DatapathType = parse.GetValue(datapath)!, CniConfDir = parse.GetValue(confDir)!, CniBinDir = parse.GetValue(binDir)!,
                CniPluginSource = parse.GetValue(plugin) ?? DefaultCniPlugin(), CniSocketPath = parse.GetValue(socket)!,
                ClusterCidr = IPNetwork.Parse(parse.GetValue(cluster)!), Mtu = parse.GetValue(mtu),
                VswitchdControl = parse.GetValue(vswitchdCtl), OvsRunDir = parse.GetValue(ovsRunDir)!,
            }, cancellationToken);
        });
        return command;
    }

    /// <summary>The plugin published next to this binary (.build/current/ovn-k8s-cni-overlay), if there is one.</summary>
    internal static string? DefaultCniPlugin() =>
        Path.Combine(AppContext.BaseDirectory, "ovn-k8s-cni-overlay") is var path && File.Exists(path) ? path : null;

    private static async Task<int> RunAsync(NodeOptions options, CancellationToken commandToken)
    {
        using var signals = new TerminationSignals(commandToken);
        var cancellationToken = signals.Token;
        if (!ApiServerOverride.TryApply(options.Kubeconfig, m => Console.Error.WriteLine("ovnk node: " + m)))
            return 2;
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; }).SetMinimumLevel(LogLevel.Information));
        NodeAgent agent;
        try
        {
            agent = await NodeAgent.StartAsync(options, loggers, cancellationToken);
        }
        catch (Exception e) when (e is Ovnk.Node.Setup.NodeSetupException or Ovnk.Node.Cni.CniServerException or Ovnk.Ovsdb.OvsdbException or IOException)
        {
            await Console.Error.WriteLineAsync($"ovnk node: {e.Message}");
            return 1;
        }
        await using var owned = agent;
        Console.WriteLine($"ovnk node: {options.NodeName} ready (chassis {agent.Setup.ChassisId}, subnet {agent.Setup.Subnet}); serving {agent.Server.SocketPath}");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // SIGTERM / Ctrl-C: stop cleanly (the socket is removed).
        }
        return 0;
    }
}
