using System.Net.Sockets;
using System.Text.Json.Nodes;
using Ovnk.Linux.Namespaces;
using Ovnk.Linux.Netlink;
using Ovnk.Linux.Sysctl;

namespace Ovnk.Lab.Cluster;

/// <summary>
/// `--cni bridge`: the reference bridge + host-local plugins, each node its own 10.244.N.0/24 on cni0, and routes
/// between nodes' pod subnets over the underlay (what kindnet does), so pods on different nodes reach each other.
/// </summary>
public static class BridgeCni
{
    public const string ConfigFileName = "10-bridge.conflist";

    /// <summary>The node's conflist (pure).</summary>
    public static string Config(LabNode node)
    {
        var config = new JsonObject
        {
            ["cniVersion"] = "1.0.0",
            ["name"] = "lab-bridge",
            ["plugins"] = new JsonArray(new JsonObject
            {
                ["type"] = "bridge",
                ["bridge"] = "cni0",
                ["isGateway"] = true,
                ["ipMasq"] = false,
                ["hairpinMode"] = true,
                ["ipam"] = new JsonObject
                {
                    ["type"] = "host-local",
                    ["ranges"] = new JsonArray(new JsonArray(new JsonObject { ["subnet"] = node.PodSubnet.ToString() })),
                    ["routes"] = new JsonArray(new JsonObject { ["dst"] = "0.0.0.0/0" }),
                },
            }),
        };
        return config.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>Routes to every other node's pod subnet via that node's IP (pure).</summary>
    public static IEnumerable<Route> Routes(LabTopology topology, LabNode node) =>
        topology.Nodes.Where(n => n != node).Select(n => new Route(n.PodSubnet, n.Ip));

    /// <summary>Writes the conflist into the node's /etc/cni/net.d and wires the routes; idempotent.</summary>
    public static void Install(LabTopology topology, LabPaths paths)
    {
        foreach (var node in topology.Nodes)
        {
            var dir = paths.NodeOwned(node.Name, "/etc/cni/net.d");
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, ConfigFileName);
            var text = Config(node);
            if (!File.Exists(file) || File.ReadAllText(file) != text)
            {
                File.WriteAllText(file + ".tmp", text);
                File.Move(file + ".tmp", file, overwrite: true);
            }
            var nodeNs = NetNs.PathOf(node.Name);
            NetNs.Run(nodeNs, () => Sysctls.Write(SysctlKey.Parse("net.ipv4.ip_forward"), "1"));
            using var rtnl = RtnlClient.Open(nodeNs);
            foreach (var route in Routes(topology, node))
            {
                rtnl.ReplaceRoute(route);
            }
        }
    }
}
