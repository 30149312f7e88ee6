using Ovnk.Lab.Cluster;

namespace Ovnk.Lab.Tests.Cluster;

/// <summary>The lab's pure planning: kind's node names and addresses, the overlay, the bridge CNI config, pid files.</summary>
public sealed class LabPlanTests
{
    [Fact]
    public void Nodes_follow_kinds_names_and_the_seeds_addresses()
    {
        var lab = LabTopology.Plan("ovn", 2);
        Assert.Equal(["ovn-control-plane", "ovn-worker", "ovn-worker2"], lab.Nodes.Select(n => n.Name));
        Assert.Equal(["172.18.0.2", "172.18.0.3", "172.18.0.4"], lab.Nodes.Select(n => n.Ip.ToString()));
        Assert.Equal(["10.244.0.0/24", "10.244.1.0/24", "10.244.2.0/24"], lab.Nodes.Select(n => n.PodSubnet.ToString()));
        Assert.Equal("ovn-underlay", lab.UnderlayNetNs);
        Assert.True(lab.ControlPlane.ControlPlane);
        Assert.Equal("0242AC120003", lab.Nodes[1].Mac.ToString()); // docker-style 02:42 + the IPv4 address
    }

    [Theory]
    [InlineData("Ovn", "lower-case DNS label")]
    [InlineData("a_b", "lower-case DNS label")]
    [InlineData("", "lower-case DNS label")]
    [InlineData("abcdefghijabcdefghijabcdefghijx", "at most 30")]
    public void Bad_names_are_refused_with_the_fix(string name, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => LabTopology.Plan(name, 1));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(201)]
    public void Worker_counts_out_of_range_are_refused(int workers) =>
        Assert.Contains("--nodes", Assert.Throws<ArgumentException>(() => LabTopology.Plan("ovn", workers)).Message, StringComparison.Ordinal);

    [Fact]
    public void The_overlay_replaces_only_the_config_maps_data()
    {
        var lab = LabTopology.Plan("ovn", 2);
        var config = new k8s.Models.V1ConfigMap
        {
            Metadata = new() { Name = "ovnkube-config", NamespaceProperty = "ovn-kubernetes", Labels = new Dictionary<string, string> { ["a"] = "b" } },
            Data = new Dictionary<string, string> { ["datapath_type"] = "system", ["extra"] = "x" },
        };
        LabOverlay.Apply(config, lab);
        Assert.Equal("netdev", config.Data["datapath_type"]);
        Assert.Equal("tcp:172.18.0.2:6641", config.Data["ovn_nb"]);
        Assert.Equal("tcp:172.18.0.2:6642", config.Data["ovn_sb"]);
        Assert.False(config.Data.ContainsKey("extra"));
        Assert.Equal("b", config.Metadata.Labels["a"]);
        var other = new k8s.Models.V1ConfigMap { Metadata = new() { Name = "other" }, Data = new Dictionary<string, string> { ["k"] = "v" } };
        LabOverlay.Apply(other, lab);
        Assert.Equal("v", other.Data["k"]);
    }

    [Fact]
    public void Bridge_mode_gives_each_node_its_subnet_and_routes_to_the_others()
    {
        var lab = LabTopology.Plan("ovn", 2);
        Assert.Contains("\"10.244.1.0/24\"", BridgeCni.Config(lab.Nodes[1]), StringComparison.Ordinal);
        var routes = BridgeCni.Routes(lab, lab.Nodes[1]).Select(r => r.ToString()).ToList();
        Assert.Equal(["10.244.0.0/24 via 172.18.0.2", "10.244.2.0/24 via 172.18.0.4"], routes);
    }

    [Fact]
    public void Pid_files_name_a_process_by_pid_and_start_time()
    {
        var self = ProcessIdentity.Of(Environment.ProcessId)!.Value;
        Assert.True(self.IsAlive);
        Assert.Equal(self, ProcessIdentity.Parse(self.ToString()));
        Assert.False((self with { StartTime = self.StartTime + 1 }).IsAlive); // a reused pid is another process
        Assert.Null(ProcessIdentity.Parse("garbage"));
        Assert.Null(ProcessIdentity.Parse("1 5")); // pid 1 is never ours
    }

    [Fact]
    public void Lab_exec_enters_the_nodes_net_uts_and_mount_namespaces()
    {
        var record = new LabRecord
        {
            Name = "x", Cni = LabCni.Bridge, Workers = 0, ApiPort = 1, StateDirectory = "/s", OvnkBinary = "/o",
            Nodes = [new RecordedNode("x-control-plane", "172.18.0.2", true)],
        };
        var e = Assert.Throws<LabException>(() => LabExec.Command(new LabPaths("/s"), record, "x-worker", ["ip", "r"]));
        Assert.Contains("x-control-plane", e.Message, StringComparison.Ordinal);
    }
}
