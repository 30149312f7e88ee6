using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Ovnk.Model.Addressing;
using Ovnk.Model.Annotations;
using Ovnk.Node;
using Ovnk.Node.Ovs;
using Ovnk.TestSupport;

namespace Ovnk.Bench.Cni;

/// <summary>
/// <c>ovnk bench cni</c> (issue 6's Benchmark). One node (<see cref="NodeLab"/>: node netns, its own ovsdb-server and
/// ovs-vswitchd netdev, NB/SB + ovn-northd, ovn-controller, the lab API server) and the node agent in this process.
/// The benchmark plays the controller: every pod is created pre-annotated through the API with its LSP in the NB
/// before anything is timed. Then: serial ADD/DEL of <see cref="CniBenchSettings.Count"/> pods, each in a fresh
/// netns, through the real NativeAOT plugin; a burst of <see cref="CniBenchSettings.Burst"/> ADDs at once; the
/// same-run floors (<see cref="CniFloors"/>); the reference bridge plugin's ADD/DEL on the same node. Every ADD is
/// broken down by stage from the benchmark's own OVSDB monitor (<see cref="InterfaceTimeline"/>).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class CniBench
{
    private static readonly IPNetwork BenchSubnet = IPNetwork.Parse("10.244.16.0/20");

    /// <summary>Runs the benchmark; returns its figures (the caller prints them, JSON last).</summary>
    public static async Task<JsonObject> RunAsync(CniBenchSettings s, Action<string> log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(log);
        if (!File.Exists(s.PluginPath)) throw new FileNotFoundException($"the CNI plugin {s.PluginPath} does not exist: build it (./scripts/build.sh) or pass --plugin", s.PluginPath);
        var result = new JsonObject { ["count"] = s.Count, ["burst"] = s.Burst };
        await using var lab = await NodeLab.StartAsync(ovn: true, ct, BenchSubnet, prefix: "bcni-");
        await lab.StartOvnNodeAsync(ct);
        var socket = Path.Combine(lab.Dir.File("run"), "cni", "ovn-cni-server.sock");
        await using var agent = await NodeAgent.StartAsync(lab.Options(socket) with { PodReadyTimeout = TimeSpan.FromSeconds(90) }, ct);
        await using var db = await VswitchDb.ConnectAsync(lab.Vswitch.UnixRemote, ct);
        var timeline = new InterfaceTimeline(db);
        using var namespaces = new PodNamespaces("bcni-" + lab.Suffix + "-p");
        log($"node {lab.NodeName} up (agent in-process, ovn-controller {lab.OvnController?.Pid}); creating {2 * s.Count + s.Burst} annotated pods and LSPs");

        var serial = Names("serial", s.Count);
        var burst = Names("burst", s.Burst);
        var floor = Names("floor", s.Count);
        await CreatePodsAsync(lab, [.. serial, .. burst, .. floor], ct);

        var stages = new Dictionary<string, List<double>>(StringComparer.Ordinal)
        {
            ["exec_to_port"] = [], ["port_to_ofport"] = [], ["ofport_to_installed"] = [], ["installed_to_reply"] = [],
        };
        var add = new List<double>();
        var del = new List<double>();
        var config = """{"cniVersion":"1.0.0","name":"ovn-kubernetes","type":"ovn-k8s-cni-overlay"}""";
        using var agentStages = new AgentStages();
        agentStages.Start();
        for (var i = 0; i < serial.Length; i++)
        {
            var (ns, path) = namespaces.Create();
            var id = ContainerId("s", i);
            var started = Stopwatch.GetTimestamp();
            add.Add(await PluginExec.RunAsync(s.PluginPath, "ADD", lab.NodeNsPath, id, path, serial[i], config, socket, ct));
            var ended = Stopwatch.GetTimestamp();
            Breakdown(timeline.For("default_" + serial[i]), started, ended, stages);
            del.Add(await PluginExec.RunAsync(s.PluginPath, "DEL", lab.NodeNsPath, id, path, serial[i], config, socket, ct));
            namespaces.Delete(ns);
            if ((i + 1) % 50 == 0) log($"serial: {i + 1}/{serial.Length}, ADD p50 {Quantiles.Of(add, 0.5)} ms");
        }
        foreach (var (stage, ms) in agentStages.Stop())
            result[$"agent_{stage}_p50_ms"] = Quantiles.Of(ms, 0.5);
        result["add_p50_ms"] = Quantiles.Of(add, 0.5);
        result["add_p99_ms"] = Quantiles.Of(add, 0.99);
        result["del_p50_ms"] = Quantiles.Of(del, 0.5);
        result["del_p99_ms"] = Quantiles.Of(del, 0.99);
        foreach (var (stage, ms) in stages)
        {
            result[$"stage_{stage}_p50_ms"] = Quantiles.Of(ms, 0.5);
            result[$"stage_{stage}_p99_ms"] = Quantiles.Of(ms, 0.99);
        }

        var (burstMs, burstStarted) = await BurstAsync(s, lab, namespaces, burst, config, socket, ct);
        result["burst30_p50_ms"] = Quantiles.Of(burstMs, 0.5);
        result["burst30_p99_ms"] = Quantiles.Of(burstMs, 0.99);
        // Where the burst's time goes: when (from the burst's start) the ports were committed and flows installed.
        var marks = burst.Select(p => timeline.For("default_" + p)).Where(m => m.Committed > 0 && m.Installed > 0).ToArray();
        double Offset(long at) => Stopwatch.GetElapsedTime(burstStarted, at).TotalMilliseconds;
        result["burst30_first_commit_ms"] = Math.Round(marks.Select(m => Offset(m.Committed)).DefaultIfEmpty(double.NaN).Min(), 2);
        result["burst30_last_commit_ms"] = Math.Round(marks.Select(m => Offset(m.Committed)).DefaultIfEmpty(double.NaN).Max(), 2);
        result["burst30_last_installed_ms"] = Math.Round(marks.Select(m => Offset(m.Installed)).DefaultIfEmpty(double.NaN).Max(), 2);
        log($"burst of {s.Burst}: p50 {result["burst30_p50_ms"]} ms, p99 {result["burst30_p99_ms"]} ms; port commits from {result["burst30_first_commit_ms"]} to "
            + $"{result["burst30_last_commit_ms"]} ms, last ovn-installed at {result["burst30_last_installed_ms"]} ms");

        var floors = await CniFloors.RunAsync(db, lab.NodeNsPath, namespaces, [.. floor.Select(p => "default_" + p)], ct);
        result["floor_veth_p50_ms"] = Quantiles.Of(floors.VethMs, 0.5);
        result["floor_ofport_p50_ms"] = Quantiles.Of(floors.OfportMs, 0.5);
        result["floor_bind_p50_ms"] = Quantiles.Of(floors.BindMs, 0.5);
        result["floor_veth_p99_ms"] = Quantiles.Of(floors.VethMs, 0.99);
        result["floor_ofport_p99_ms"] = Quantiles.Of(floors.OfportMs, 0.99);
        result["floor_bind_p99_ms"] = Quantiles.Of(floors.BindMs, 0.99);
        var floorP50 = Math.Round(Quantiles.Of(floors.VethMs, 0.5) + Quantiles.Of(floors.OfportMs, 0.5) + Quantiles.Of(floors.BindMs, 0.5), 2);
        result["floor_p50_ms"] = floorP50;
        result["ratio_vs_floor"] = Math.Round(Quantiles.Of(add, 0.5) / floorP50, 2);

        var exec = new List<double>();
        for (var i = 0; i < s.Count; i++)
            exec.Add(await PluginExec.RunAsync(s.PluginPath, "VERSION", lab.NodeNsPath, "version", "", "version", config, socket, ct));
        result["exec_version_p50_ms"] = Quantiles.Of(exec, 0.5);

        var (bridgeAdd, bridgeDel) = await BridgeAsync(s, lab, namespaces, ct);
        result["bridge_add_p50_ms"] = Quantiles.Of(bridgeAdd, 0.5);
        result["bridge_add_p99_ms"] = Quantiles.Of(bridgeAdd, 0.99);
        result["bridge_del_p50_ms"] = Quantiles.Of(bridgeDel, 0.5);
        result["bridge_del_p99_ms"] = Quantiles.Of(bridgeDel, 0.99);
        result["load_average_1m"] = LoadAverage();
        return result;
    }

    /// <summary>The printed breakdown, one line per figure (the JSON follows on the last line).</summary>
    public static IEnumerable<string> Describe(JsonObject r)
    {
        ArgumentNullException.ThrowIfNull(r);
        yield return $"ovn-k8s-cni-overlay ADD → ovn-installed (serial {r["count"]}): p50 {r["add_p50_ms"]} ms, p99 {r["add_p99_ms"]} ms; DEL p50 {r["del_p50_ms"]} ms, p99 {r["del_p99_ms"]} ms";
        yield return $"  stage exec+annotation+veth+port commit: p50 {r["stage_exec_to_port_p50_ms"]} ms, p99 {r["stage_exec_to_port_p99_ms"]} ms";
        yield return $"  stage port commit → ofport (ovs-vswitchd): p50 {r["stage_port_to_ofport_p50_ms"]} ms, p99 {r["stage_port_to_ofport_p99_ms"]} ms";
        yield return $"  stage ofport → ovn-installed (ovn-controller): p50 {r["stage_ofport_to_installed_p50_ms"]} ms, p99 {r["stage_ofport_to_installed_p99_ms"]} ms";
        yield return $"  stage ovn-installed → plugin exit: p50 {r["stage_installed_to_reply_p50_ms"]} ms, p99 {r["stage_installed_to_reply_p99_ms"]} ms";
        yield return "  inside the agent (p50): " + string.Join(", ", Ovnk.Node.Pods.CniAddMetrics.Stages.Select(st => $"{st} {r[$"agent_{st}_p50_ms"]} ms"));
        yield return $"burst of {r["burst"]} ADDs at once: p50 {r["burst30_p50_ms"]} ms, p99 {r["burst30_p99_ms"]} ms (port commits {r["burst30_first_commit_ms"]}–{r["burst30_last_commit_ms"]} ms, last ovn-installed {r["burst30_last_installed_ms"]} ms)";
        yield return $"floor (same run): netlink veth+netns {r["floor_veth_p50_ms"]} ms + port commit → ofport {r["floor_ofport_p50_ms"]} ms + iface-id → ovn-installed {r["floor_bind_p50_ms"]} ms = {r["floor_p50_ms"]} ms (p50); ADD ÷ floor {r["ratio_vs_floor"]}";
        yield return $"plugin exec alone (nsenter + VERSION): p50 {r["exec_version_p50_ms"]} ms";
        yield return $"reference bridge plugin (+ host-local): ADD p50 {r["bridge_add_p50_ms"]} ms, p99 {r["bridge_add_p99_ms"]} ms; DEL p50 {r["bridge_del_p50_ms"]} ms, p99 {r["bridge_del_p99_ms"]} ms";
    }

    private static string[] Names(string kind, int count) => [.. Enumerable.Range(0, count).Select(i => $"{kind}-{i}")];

    private static string ContainerId(string kind, int i) => $"{kind}{i:x8}0123456789abcdef0123456789abcdef0123456789abcdef0123456";

    /// <summary>Every pod pre-annotated in the API with its LSP in the NB (the benchmark plays the controller), then the NB synced to the chassis.</summary>
    private static async Task CreatePodsAsync(NodeLab lab, string[] names, CancellationToken ct)
    {
        using var kube = lab.Client();
        var gateway = IpMath.Offset(lab.NodeSubnet, 1);
        var networks = names.Select((name, i) => (name, PodNetworksAnnotation.DefaultEntry(
            new InterfaceAddress(IpMath.Offset(lab.NodeSubnet, (ulong)(i + 10)), lab.NodeSubnet.PrefixLength), gateway, []))).ToArray();
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(networks.Select(async p =>
        {
            await gate.WaitAsync(ct);
            try
            {
                await kube.CoreV1.CreateNamespacedPodAsync(new V1Pod
                {
                    Metadata = new V1ObjectMeta
                    {
                        Name = p.name,
                        Annotations = new Dictionary<string, string>
                        {
                            [AnnotationKeys.PodNetworks] = PodNetworksAnnotation.Format(new Dictionary<string, PodNetwork> { [AnnotationKeys.DefaultNetwork] = p.Item2 }),
                        },
                    },
                    Spec = new V1PodSpec { NodeName = lab.NodeName, Containers = [new V1Container { Name = "c", Image = "busybox" }] },
                }, "default", cancellationToken: ct);
            }
            finally
            {
                gate.Release();
            }
        }));
        foreach (var chunk in networks.Chunk(100))
        {
            var args = chunk.SelectMany(p => new[] { "--", "lsp-add", lab.NodeName, "default_" + p.name, "--", "lsp-set-addresses", "default_" + p.name,
                $"{p.Item2.Mac} {p.Item2.IpAddresses[0].Address}" }).Skip(1).ToArray();
            await lab.NbctlAsync(args);
        }
        await lab.NbctlAsync("--timeout=120", "--wait=hv", "sync");
    }

    private static void Breakdown(InterfaceTimeline.Marks m, long started, long ended, Dictionary<string, List<double>> stages)
    {
        if (m.Committed == 0 || m.Ofport == 0 || m.Installed == 0) return; // a stage the monitor missed: no breakdown for this one
        stages["exec_to_port"].Add(Stopwatch.GetElapsedTime(started, m.Committed).TotalMilliseconds);
        stages["port_to_ofport"].Add(Stopwatch.GetElapsedTime(m.Committed, m.Ofport).TotalMilliseconds);
        stages["ofport_to_installed"].Add(Stopwatch.GetElapsedTime(m.Ofport, m.Installed).TotalMilliseconds);
        stages["installed_to_reply"].Add(Stopwatch.GetElapsedTime(m.Installed, ended).TotalMilliseconds);
    }

    /// <summary>All ADDs started at once; each one's latency from the common start. Then all DELs.</summary>
    private static async Task<(List<double> Ms, long Started)> BurstAsync(CniBenchSettings s, NodeLab lab, PodNamespaces namespaces, string[] pods, string config, string socket,
        CancellationToken ct)
    {
        var netns = pods.Select(_ => namespaces.Create()).ToArray();
        var started = Stopwatch.GetTimestamp();
        var done = await Task.WhenAll(pods.Select(async (pod, i) =>
        {
            await PluginExec.RunAsync(s.PluginPath, "ADD", lab.NodeNsPath, ContainerId("b", i), netns[i].Path, pod, config, socket, ct);
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }));
        await Task.WhenAll(pods.Select((pod, i) => PluginExec.RunAsync(s.PluginPath, "DEL", lab.NodeNsPath, ContainerId("b", i), netns[i].Path, pod, config, socket, ct)));
        foreach (var (name, _) in netns) namespaces.Delete(name);
        return ([.. done], started);
    }

    /// <summary>The reference bridge plugin with host-local IPAM, in the node netns (its bridge and state in the lab).</summary>
    private static async Task<(List<double> Add, List<double> Del)> BridgeAsync(CniBenchSettings s, NodeLab lab, PodNamespaces namespaces, CancellationToken ct)
    {
        var config = $$$"""{"cniVersion":"1.0.0","name":"bcni-bridge","type":"bridge","bridge":"bcbr{{{lab.Suffix}}}","isGateway":true,"ipMasq":false,"ipam":{"type":"host-local","ranges":[[{"subnet":"10.251.0.0/16"}]],"dataDir":"{{{lab.Dir.File("host-local")}}}"}}""";
        var add = new List<double>();
        var del = new List<double>();
        for (var i = 0; i < s.Count; i++)
        {
            var (ns, path) = namespaces.Create();
            var id = ContainerId("r", i);
            add.Add(await PluginExec.RunAsync("/usr/lib/cni/bridge", "ADD", lab.NodeNsPath, id, path, $"bridge-{i}", config, "", ct));
            del.Add(await PluginExec.RunAsync("/usr/lib/cni/bridge", "DEL", lab.NodeNsPath, id, path, $"bridge-{i}", config, "", ct));
            namespaces.Delete(ns);
        }
        return (add, del);
    }

    private static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
}
