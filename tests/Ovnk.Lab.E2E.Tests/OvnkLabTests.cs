using System.Text.RegularExpressions;
using Ovnk.Lab.E2E.Tests.Support;

namespace Ovnk.Lab.E2E.Tests;

/// <summary>`ovnk lab up` with Ovnk deployed from deploy/ (issue 8, acceptance 1–5).</summary>
public sealed partial class OvnkLabTests(OvnkLab lab) : IClassFixture<OvnkLab>
{
    private static readonly string[] NodeIps = ["172.18.0.2", "172.18.0.3", "172.18.0.4"];

    [Fact]
    public async Task Three_nodes_are_Ready_with_underlay_internal_ips_and_Ovnk_runs_as_pods()
    {
        var rows = (await lab.KubectlAsync("get", "nodes", "-o", "wide", "--no-headers"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(lab.Nodes.Order(StringComparer.Ordinal), rows.Select(r => r[0]).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal("Ready", r[1]));
        Assert.Equal(NodeIps, rows.Select(r => r[5]).Order(StringComparer.Ordinal));

        var workloads = await lab.KubectlAsync("get", "deploy,ds", "-n", "ovn-kubernetes", "--no-headers");
        foreach (var name in new[] { "deployment.apps/ovnkube-db", "deployment.apps/ovnkube-master", "daemonset.apps/ovnkube-node", "daemonset.apps/ovs-node" })
        {
            Assert.Contains(name, workloads, StringComparison.Ordinal);
        }
        var pods = await lab.KubectlAsync("get", "pods", "-n", "ovn-kubernetes", "-o", "wide", "--no-headers");
        Assert.Equal(8, pods.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("Running", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Ovs_nb_routes_and_node_routes_look_like_the_seeds()
    {
        var ovsNode = await PodOnAsync("ovs-node", lab.ControlPlane);
        var show = await lab.KubectlAsync("exec", "-n", "ovn-kubernetes", ovsNode, "--", "ovs-vsctl", "show");
        Assert.Matches(@"Bridge br-int\s+fail_mode: secure", show);
        Assert.Matches(@"Port ovn-k8s-mp0\s+Interface ovn-k8s-mp0\s+type: internal", show);
        foreach (var ip in new[] { "172.18.0.3", "172.18.0.4" })
        {
            Assert.Matches($@"Port ovn-[0-9a-f]{{6}}-0\s+Interface ovn-[0-9a-f]{{6}}-0\s+type: geneve\s+options: {{csum=""true"", key=flow, remote_ip=""{ip}""}}", show);
        }
        var breth0 = show[show.IndexOf("Bridge breth0", StringComparison.Ordinal)..];
        breth0 = breth0[..(breth0.IndexOf("Bridge br-int", StringComparison.Ordinal) is var i and > 0 ? i : breth0.Length)];
        Assert.Contains("Port eth0", breth0, StringComparison.Ordinal);
        Assert.Contains("type: patch", breth0, StringComparison.Ordinal);
        // The same from the node itself (podman exec ovn-control-plane ovs-vsctl show).
        Assert.Contains("fail_mode: secure", await lab.ExecAsync(lab.ControlPlane, "ovs-vsctl", "show"), StringComparison.Ordinal);

        var db = await PodOfAsync("ovnkube-db");
        var routes = await lab.KubectlAsync("exec", "-n", "ovn-kubernetes", db, "-c", "nb-ovsdb", "--", "ovn-nbctl", "lr-route-list", "ovn_cluster_router");
        Assert.Equal(3, SrcIpRoute().Matches(routes).Count);
        Assert.Equal(3, DstIpRoute().Matches(routes).Count);

        var ipr = await lab.ExecAsync(lab.Worker(1), "ip", "r");
        Assert.Contains("default via 172.18.0.1 dev breth0", ipr, StringComparison.Ordinal);
        Assert.Matches(@"10\.244\.\d+\.0/24 dev ovn-k8s-mp0", ipr);
        Assert.Contains("172.18.0.0/16 dev breth0", ipr, StringComparison.Ordinal);
        Assert.Contains("ovn-k8s-cni-overlay", await lab.ExecAsync(lab.Worker(1), "ls", "/opt/cni/bin"), StringComparison.Ordinal);
        Assert.Contains("ovn-k8s-cni-overlay", await lab.ExecAsync(lab.Worker(1), "sh", "-c", "cat /etc/cni/net.d/*"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_seeds_agnhost_daemonset_pods_reach_each_other_and_the_nodes()
    {
        await lab.KubectlRunAsync(["apply", "-f", "-"], PodMesh.DaemonSet("wkshp"));
        var pods = await PodMesh.ReadyPodsAsync(lab, "wkshp", lab.Workers);
        Assert.Equal(lab.Workers, pods.Select(p => p.Node).Distinct().Count());
        Assert.All(pods, p => Assert.StartsWith("10.244.", p.Ip, StringComparison.Ordinal));
        await PodMesh.AssertFullMeshAsync(lab, pods, NodeIps);
    }

    [Fact]
    public async Task The_seeds_busybox_steps_release_ports_and_addresses()
    {
        (await lab.KubectlRunAsync(["create", "deploy", "busyb", "--image", "busybox", "--replicas=3", "--", "sleep", "infinity"])).EnsureSuccess("create deploy");
        var first = await BusyPodsAsync(3);
        Assert.Contains("app=busyb", await lab.KubectlAsync("get", "pod", "-o", "wide", "--show-labels"), StringComparison.Ordinal);
        Assert.Equal(first.Select(p => "default_" + p.Name).Order(StringComparer.Ordinal), await Nb.PodPortsAsync(lab, "default", "busyb"));

        await lab.KubectlAsync("delete", "pod", "-l", "app=busyb", "--grace-period=0", "--force");
        var second = await BusyPodsAsync(3, exclude: first.Select(p => p.Name));
        Assert.Empty(second.Select(p => p.Name).Intersect(first.Select(p => p.Name)));
        Assert.Equal(3, second.Select(p => p.Ip).Distinct().Count());
        await Eventually.ThatAsync("old LSPs released", 60, () => Nb.PodPortsAsync(lab, "default", "busyb"),
            ports => ports.SequenceEqual(second.Select(p => "default_" + p.Name).Order(StringComparer.Ordinal)));

        await lab.KubectlAsync("scale", "deploy", "busyb", "--replicas=1");
        await Eventually.ThatAsync("scaled to one LSP", 90, () => Nb.PodPortsAsync(lab, "default", "busyb"), ports => ports.Count == 1);
        await lab.KubectlAsync("delete", "deploy", "busyb");
        await Eventually.ThatAsync("every busyb LSP released", 90, () => Nb.PodPortsAsync(lab, "default", "busyb"), ports => ports.Count == 0);
        // No address of a busyb pod is still held by any logical switch port.
        var addresses = (await Nb.NbctlAsync(lab, "--bare", "--columns=addresses", "list", "Logical_Switch_Port"))
            .Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        Assert.All(first.Concat(second), p => Assert.DoesNotContain(p.Ip, addresses));
    }

    /// <summary>
    /// Acceptance 5: the controller killed with SIGKILL in the middle of pod churn is restarted by the lab's kubelet,
    /// and the NB converges: exactly the live pods have logical switch ports, each holding its pod's address, and no
    /// address of a deleted pod is still held (no leaked IP).
    /// </summary>
    [Fact]
    public async Task Killing_the_controller_mid_churn_converges_the_nb_without_leaking_addresses()
    {
        (await lab.KubectlRunAsync(["create", "deploy", "churn", "--image", "busybox", "--replicas=8", "--", "sleep", "infinity"])).EnsureSuccess("create deploy");
        var first = await PodMesh.ReadyPodsAsync(lab, "churn", 8);

        // Churn: replace every pod and scale, killing the controller while the changes are in flight.
        await lab.KubectlAsync("delete", "pod", "-l", "app=churn", "--grace-period=0", "--force", "--wait=false");
        var controller = NodeProcesses.Container(lab, lab.ControlPlane, "ovnkube-master")
            ?? throw new InvalidOperationException("no ovnkube-master container runs on the control plane");
        Ovnk.Linux.Processes.SignalSender.Send(controller.Pid, Ovnk.Linux.Processes.SignalSender.SigKill);
        await lab.KubectlAsync("scale", "deploy", "churn", "--replicas=5");
        await Eventually.ThatAsync("the controller restarted", 180,
            () => Task.FromResult(NodeProcesses.Container(lab, lab.ControlPlane, "ovnkube-master")), p => p is not null && p != controller);

        var live = await PodMesh.ReadyPodsAsync(lab, "churn", 5, 240);
        Assert.Empty(live.Select(p => p.Name).Intersect(first.Select(p => p.Name)));
        await Eventually.ThatAsync("the NB holds exactly the live pods' ports", 120, () => Nb.PodPortsAsync(lab, "default", "churn"),
            ports => ports.SequenceEqual(live.Select(p => "default_" + p.Name).Order(StringComparer.Ordinal)));
        var held = await Eventually.ThatAsync("each live pod's port holds its address", 60, ChurnAddressesAsync,
            addresses => live.All(p => addresses.Contains(p.Ip)));
        Assert.Equal(live.Select(p => p.Ip).Order(StringComparer.Ordinal), held.Order(StringComparer.Ordinal));
        var everyAddress = (await Nb.NbctlAsync(lab, "--bare", "--columns=addresses", "list", "Logical_Switch_Port"))
            .Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        Assert.All(first.Where(p => !live.Any(l => l.Ip == p.Ip)), p => Assert.DoesNotContain(p.Ip, everyAddress));

        await lab.KubectlAsync("delete", "deploy", "churn");
        await Eventually.ThatAsync("every churn LSP released", 120, () => Nb.PodPortsAsync(lab, "default", "churn"), ports => ports.Count == 0);
    }

    /// <summary>The IPv4 addresses held by the churn pods' logical switch ports ("MAC IP" per port).</summary>
    private async Task<IReadOnlyList<string>> ChurnAddressesAsync()
    {
        var rows = await Nb.NbctlAsync(lab, "--format=csv", "--data=bare", "--no-headings", "--columns=name,addresses", "list", "Logical_Switch_Port");
        return [.. rows.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.Split(','))
            .Where(c => c.Length >= 2 && c[0].StartsWith("default_churn", StringComparison.Ordinal))
            .SelectMany(c => c[1].Trim('"').Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1))];
    }

    [Fact]
    public async Task Reload_rolls_the_node_agents_onto_the_current_build_without_tearing_down()
    {
        var before = await OvnkNodePodsAsync();
        // --no-build: the suite runs on the build test.sh just made (a rebuild here would race edits to the tree).
        var reload = await lab.OvnkAsync(TimeSpan.FromMinutes(6), "lab", "reload", "--state-dir", lab.StateDirectory, "--no-build", "--only", "ovnkube-node");
        reload.EnsureSuccess("ovnk lab reload");
        Assert.Contains("roll ovnkube-node", reload.Stdout, StringComparison.Ordinal);
        var after = await OvnkNodePodsAsync();
        Assert.Equal(3, after.Count);
        Assert.Empty(after.Intersect(before));
        var nodes = await lab.KubectlAsync("get", "nodes", "--no-headers");
        Assert.Equal(3, nodes.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains(" Ready ", StringComparison.Ordinal)));
    }

    private async Task<IReadOnlyList<string>> OvnkNodePodsAsync() =>
        (await lab.KubectlAsync("get", "pods", "-n", "ovn-kubernetes", "-l", "app=ovnkube-node", "-o", "jsonpath={.items[*].metadata.name}"))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private async Task<IReadOnlyList<PodMesh.Pod>> BusyPodsAsync(int count, IEnumerable<string>? exclude = null)
    {
        var excluded = exclude?.ToHashSet() ?? [];
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            var pods = await PodMesh.ReadyPodsAsync(lab, "busyb", count, 180);
            if (!pods.Any(p => excluded.Contains(p.Name))) return pods;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the replaced busyb pods did not come up");
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }

    private async Task<string> PodOnAsync(string app, string node) =>
        (await lab.KubectlAsync("get", "pods", "-n", "ovn-kubernetes", "-l", "app=" + app, "--field-selector", "spec.nodeName=" + node,
            "-o", "jsonpath={.items[0].metadata.name}")).Trim();

    private async Task<string> PodOfAsync(string app) =>
        (await lab.KubectlAsync("get", "pods", "-n", "ovn-kubernetes", "-l", "app=" + app, "-o", "jsonpath={.items[0].metadata.name}")).Trim();

    [GeneratedRegex(@"10\.244\.\d+\.0/24\s+100\.64\.0\.\d+ src-ip")]
    private static partial Regex SrcIpRoute();

    [GeneratedRegex(@"100\.64\.0\.\d+\s+100\.64\.0\.\d+ dst-ip")]
    private static partial Regex DstIpRoute();
}
