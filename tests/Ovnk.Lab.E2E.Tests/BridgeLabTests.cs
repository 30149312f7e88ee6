using Ovnk.Lab.E2E.Tests.Support;

namespace Ovnk.Lab.E2E.Tests;

/// <summary>`ovnk lab up --cni bridge`: the lab without Ovnk (reference bridge + host-local, routes between nodes).</summary>
public sealed class BridgeLabTests(BridgeLab lab) : IClassFixture<BridgeLab>
{
    [Fact]
    public async Task Nodes_are_Ready_with_their_underlay_addresses()
    {
        var wide = await lab.KubectlAsync("get", "nodes", "-o", "wide", "--no-headers");
        var rows = wide.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(["172.18.0.2", "172.18.0.3", "172.18.0.4"], rows.OrderBy(r => r[0], StringComparer.Ordinal).Select(r => r[5]));
        Assert.All(rows, r => Assert.Equal("Ready", r[1]));
        Assert.Contains($"export KUBECONFIG={lab.Kubeconfig}", lab.UpOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lab_exec_runs_inside_the_nodes_own_namespaces()
    {
        var worker = lab.Worker(1);
        Assert.Contains("default via 172.18.0.1 dev eth0", await lab.ExecAsync(worker, "ip", "r"), StringComparison.Ordinal);
        Assert.Contains("172.18.0.3/16", await lab.ExecAsync(worker, "ip", "-4", "-o", "addr", "show", "dev", "eth0"), StringComparison.Ordinal);
        Assert.Equal(worker, (await lab.ExecAsync(worker, "hostname")).Trim());
        Assert.Contains("10.244.1.0/24", await lab.ExecAsync(worker, "cat", "/etc/cni/net.d/10-bridge.conflist"), StringComparison.Ordinal);
        Assert.Contains("host-local", await lab.ExecAsync(worker, "ls", "/opt/cni/bin"), StringComparison.Ordinal);
        // The node reaches the others and the underlay gateway; nothing else is routed.
        await lab.ExecAsync(worker, "ping", "-c", "1", "-W", "5", "172.18.0.2");
        await lab.ExecAsync(worker, "ping", "-c", "1", "-W", "5", "172.18.0.1");
    }

    [Fact]
    public async Task Pods_on_different_nodes_reach_each_other_and_the_nodes()
    {
        await lab.KubectlRunAsync(["apply", "-f", "-"], PodMesh.DaemonSet("mesh"));
        var pods = await PodMesh.ReadyPodsAsync(lab, "mesh", lab.Workers); // the control plane's taint keeps it off
        Assert.Equal(lab.Workers, pods.Select(p => p.Node).Distinct().Count());
        await PodMesh.AssertFullMeshAsync(lab, pods, ["172.18.0.2", "172.18.0.3", "172.18.0.4"]);
    }

    [Fact]
    public async Task A_second_up_changes_nothing_and_status_shows_the_lab()
    {
        var before = Ovnk.Lab.Cluster.PidFile.Read(lab.Paths.PidFile("apiserver"));
        var again = await lab.OvnkAsync(TimeSpan.FromMinutes(3), lab.UpArgs());
        again.EnsureSuccess("second ovnk lab up");
        Assert.Contains("already running", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, Ovnk.Lab.Cluster.PidFile.Read(lab.Paths.PidFile("apiserver")));

        var status = (await lab.OvnkAsync(TimeSpan.FromSeconds(60), "lab", "status", "--state-dir", lab.StateDirectory)).EnsureSuccess("lab status").Stdout;
        Assert.Contains(lab.Worker(2), status, StringComparison.Ordinal);
        Assert.Contains("Ready", status, StringComparison.Ordinal);
        Assert.Contains("kubelet-" + lab.ControlPlane, status, StringComparison.Ordinal);
        var kubeconfig = (await lab.OvnkAsync(TimeSpan.FromSeconds(30), "lab", "kubeconfig", "--state-dir", lab.StateDirectory)).EnsureSuccess("lab kubeconfig").Stdout;
        Assert.Equal(lab.Kubeconfig, kubeconfig.Trim());
    }

    [Fact]
    public async Task A_different_node_count_is_refused_with_the_fix()
    {
        var args = lab.UpArgs();
        args[Array.IndexOf(args, "--nodes") + 1] = "5";
        var result = await lab.OvnkAsync(TimeSpan.FromSeconds(60), args);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("lab down", result.Stdout, StringComparison.Ordinal);
    }
}
