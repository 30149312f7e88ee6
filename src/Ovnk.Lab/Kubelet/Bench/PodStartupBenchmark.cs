using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Ovnk.Lab.Kubelet.Bench;

/// <summary>
/// <c>ovnk bench pods</c>, bridge half: an API server and one kubelet-lite node (reference bridge + host-local CNI)
/// in this process, N agnhost pods created at once; created → Running and → Ready per pod (client-side clock,
/// watch events), the CNI ADD time of each pod (the floor kubelet-lite cannot go below), and kubelet-lite's own share
/// (Running latency − CNI ADD time). Cleans up everything it created.
/// </summary>
public static class PodStartupBenchmark
{
    private const int WarmupPods = 3;

    public static async Task<JsonObject> RunAsync(int pods, string ovnkBinary, Action<string> log, CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("ovnk-bench-pods-").FullName;
        var name = $"bench-{Guid.NewGuid().ToString("N")[..6]}";
        var server = await ApiServer.StartAsync(new ApiServerOptions
        {
            StateDirectory = Path.Combine(root, "api"), Listen = [new IPEndPoint(IPAddress.Loopback, 0)], RunControllers = false,
        }, cancellationToken);
        var options = new KubeletOptions
        {
            NodeName = name, StateDirectory = Path.Combine(root, "node"), Kubeconfig = server.KubeconfigPath,
            CniPluginSource = "/usr/lib/cni", OvnkBinary = ovnkBinary,
        };
        var paths = new Nodes.NodePaths(options.StateDirectory);
        Directory.CreateDirectory(paths.CniConfDirectory);
        await File.WriteAllTextAsync(Path.Combine(paths.CniConfDirectory, "10-bench.conflist"),
            """{"cniVersion":"1.0.0","name":"benchnet","plugins":[{"type":"bridge","bridge":"cni0","isGateway":true,"ipMasq":false,"ipam":{"type":"host-local","ranges":[[{"subnet":"10.251.0.0/24"}]]}}]}""",
            cancellationToken);
        KubeletLite? kubelet = null;
        try
        {
            kubelet = await KubeletLite.StartAsync(options, cancellationToken);
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));
            await WaitReadyNodeAsync(client, name, cancellationToken);
            // A kubelet and an API server are long-running: the burst is measured on warm processes (JIT done, HTTP
            // connections open), as the pod-startup SLO is measured on a running cluster, not on a cold start.
            log($"node {name} Ready; warming up with {WarmupPods} pods");
            await MeasureAsync(client, kubelet, name, WarmupPods, "warmup", cancellationToken);
            await CleanupPodsAsync(client, kubelet, cancellationToken);
            log($"creating {pods} pods at once");
            server.Latencies.Reset();
            var result = await MeasureAsync(client, kubelet, name, pods, "bench", cancellationToken);
            result["warmup_pods"] = WarmupPods;
            result["api_ms"] = server.Latencies.Summary();
            log("deleting the pods");
            await CleanupPodsAsync(client, kubelet, cancellationToken);
            return result;
        }
        finally
        {
            if (kubelet is not null) await kubelet.DisposeAsync();
            foreach (var ns in Ovnk.Linux.Namespaces.NetNs.List().Where(n => n.StartsWith(name + "-", StringComparison.Ordinal)))
                Ovnk.Linux.Namespaces.NetNs.Delete(ns);
            foreach (var file in Directory.Exists(paths.NamespaceDirectory) ? Directory.GetFiles(paths.NamespaceDirectory, "uts-*") : [])
                Ovnk.Linux.Namespaces.BindMounts.Unmount(file);
            new Nodes.NodeNamespaces(paths, name, name).Destroy();
            await server.DisposeAsync();
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<JsonObject> MeasureAsync(Kubernetes client, KubeletLite kubelet, string node, int count, string prefix, CancellationToken cancellationToken)
    {
        var created = new ConcurrentDictionary<string, long>();
        var running = new ConcurrentDictionary<string, long>();
        var ready = new ConcurrentDictionary<string, long>();
        var uids = new ConcurrentDictionary<string, string>();
        using var watchStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        watchStop.CancelAfter(TimeSpan.FromMinutes(3)); // bounded: 30 pods take seconds
        var watch = Task.Run(async () =>
        {
            await foreach (var (_, pod) in client.CoreV1.WatchListNamespacedPodAsync("default", cancellationToken: watchStop.Token))
            {
                var now = Stopwatch.GetTimestamp();
                if (!pod.Name().StartsWith(prefix + "-", StringComparison.Ordinal)) continue; // an earlier round's pod going away
                uids[pod.Name()] = pod.Metadata.Uid;
                if (pod.Status?.Phase == "Running" && running.TryAdd(pod.Name(), now) && Environment.GetEnvironmentVariable("OVNK_BENCH_DEBUG") is not null)
                    Console.Error.WriteLine($"{pod.Name()} created {pod.Metadata.CreationTimestamp:HH:mm:ss.fff} started {pod.Status.ContainerStatuses?[0].State?.Running?.StartedAt:HH:mm:ss.fff} seen {DateTime.UtcNow:HH:mm:ss.fff}");
                if (pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true) ready.TryAdd(pod.Name(), now);
                if (ready.Count == count) return;
            }
        }, watchStop.Token);
        await Task.Delay(300, cancellationToken); // the watch is open before the burst
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            var pod = new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = $"{prefix}-{i}" },
                Spec = new V1PodSpec
                {
                    NodeName = node, TerminationGracePeriodSeconds = 1,
                    Containers = [new V1Container { Name = "agnhost", Image = "registry.k8s.io/e2e-test-images/agnhost:2.53", Args = ["netexec", "--http-port=8080"] }],
                },
            };
            created[pod.Name()] = Stopwatch.GetTimestamp();
            await client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: cancellationToken);
        }));
        try
        {
            await watch;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"only {ready.Count} of {count} pods became Ready within 3 minutes");
        }
        double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
        var runningMs = created.Keys.Select(n => Ms(created[n], running[n])).ToList();
        var readyMs = created.Keys.Select(n => Ms(created[n], ready[n])).ToList();
        var cniMs = created.Keys.Select(n => kubelet.Sandboxes.AddDurations.TryGetValue(uids[n], out var d) ? d.TotalMilliseconds : 0).ToList();
        var overhead = created.Keys.Select((n, i) => Math.Max(0, runningMs[i] - cniMs[i])).ToList();
        var (stagesP50, stagesP99) = Stages(kubelet.Timings, created, running, uids);
        return new JsonObject
        {
            ["pods"] = count,
            ["bridge_running_p50_ms"] = P(runningMs, 50), ["bridge_running_p99_ms"] = P(runningMs, 99),
            ["bridge_ready_p50_ms"] = P(readyMs, 50), ["bridge_ready_p99_ms"] = P(readyMs, 99),
            ["cni_add_p50_ms"] = P(cniMs, 50), ["cni_add_p99_ms"] = P(cniMs, 99),
            ["kubelet_overhead_p50_ms"] = P(overhead, 50), ["kubelet_overhead_p99_ms"] = P(overhead, 99),
            ["ready_p99_vs_cni_add_p99"] = Math.Round(P(readyMs, 99) / Math.Max(1, P(cniMs, 99)), 2),
            ["stages_p50_ms"] = stagesP50, ["stages_p99_ms"] = stagesP99,
            ["ovnk_ready_p99_ms"] = null,
            ["ovnk_note"] = "the Ovnk half (OvnkPodStartupBenchmark, a one-node lab) runs in `ovnk bench pods` unless --bridge-only",
        };
    }

    /// <summary>
    /// Where each pod's start time went, stage to stage (p50 and p99 over the pods of each segment): API create →
    /// worker (watch delivery), worker → sandbox begin, namespaces, CNI ADD, volumes, spawn, status patch, and the
    /// Running status reaching the client's watch.
    /// </summary>
    private static (JsonObject P50, JsonObject P99) Stages(Pods.PodStartTimings timings, ConcurrentDictionary<string, long> created,
        ConcurrentDictionary<string, long> running, ConcurrentDictionary<string, string> uids)
    {
        (string Name, Func<string, string, (long?, long?)> Span)[] segments =
        [
            ("create_to_worker", (n, u) => (created[n], timings.Of(u, Pods.PodStartStage.Worker))),
            ("worker_to_sandbox", (n, u) => (timings.Of(u, Pods.PodStartStage.Worker), timings.Of(u, Pods.PodStartStage.SandboxBegin))),
            ("namespaces", (n, u) => (timings.Of(u, Pods.PodStartStage.SandboxBegin), timings.Of(u, Pods.PodStartStage.CniBegin))),
            ("cni_add", (n, u) => (timings.Of(u, Pods.PodStartStage.CniBegin), timings.Of(u, Pods.PodStartStage.CniDone))),
            ("volumes", (n, u) => (timings.Of(u, Pods.PodStartStage.CniDone), timings.Of(u, Pods.PodStartStage.Volumes))),
            ("prepare_container", (n, u) => (timings.Of(u, Pods.PodStartStage.Volumes), timings.Of(u, Pods.PodStartStage.Launching))),
            ("spawn", (n, u) => (timings.Of(u, Pods.PodStartStage.Launching), timings.Of(u, Pods.PodStartStage.Spawned))),
            ("status_patch", (n, u) => (timings.Of(u, Pods.PodStartStage.Spawned), timings.Of(u, Pods.PodStartStage.StatusPosted))),
            ("status_to_watch", (n, u) => (timings.Of(u, Pods.PodStartStage.StatusPosted), running[n])),
        ];
        var p50 = new JsonObject();
        var p99 = new JsonObject();
        foreach (var (name, span) in segments)
        {
            var values = created.Keys.Select(n => span(n, uids[n])).Where(t => t is (not null, not null))
                .Select(t => Stopwatch.GetElapsedTime(t.Item1!.Value, t.Item2!.Value).TotalMilliseconds).ToList();
            p50[name] = values.Count == 0 ? null : P(values, 50);
            p99[name] = values.Count == 0 ? null : P(values, 99);
        }
        return (p50, p99);
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        var index = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
        return Math.Round(sorted[Math.Clamp(index, 0, sorted.Count - 1)], 1);
    }

    private static async Task WaitReadyNodeAsync(Kubernetes client, string node, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 300; i++)
        {
            var n = await client.CoreV1.ReadNodeAsync(node, cancellationToken: cancellationToken);
            if (n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true) return;
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"node {node} did not become Ready in 30 s; is /usr/lib/cni/bridge installed?");
    }

    private static async Task CleanupPodsAsync(Kubernetes client, KubeletLite kubelet, CancellationToken cancellationToken)
    {
        await client.CoreV1.DeleteCollectionNamespacedPodAsync("default", cancellationToken: cancellationToken);
        for (var i = 0; i < 600 && kubelet.Pods.Workers.Values.Any(w => !w.Completion.IsCompleted); i++)
        {
            await Task.Delay(100, cancellationToken);
        }
    }
}
