using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Ovnk.Lab.Cluster;

namespace Ovnk.Lab.Kubelet.Bench;

/// <summary>
/// <c>ovnk bench pods</c>, Ovnk half: a one-node lab (<c>lab up --nodes 0</c>: API server, kubelet-lite, and Ovnk —
/// databases, northd, controller, node agent, OVS — deployed as pods from deploy/), then N agnhost pods bound at once
/// to its node with Ovnk's CNI; created → Ready per pod (client clock, polled every 100 ms, as <c>bench lab</c>
/// does); then <c>lab down</c>. Measured after a small warm-up burst, on warm processes, like the bridge half.
/// </summary>
public static class OvnkPodStartupBenchmark
{
    private const int WarmupPods = 3;

    private sealed class Progress(Action<string> log) : ILabProgress
    {
        public void StepDone(string step, TimeSpan elapsed, string? detail) =>
            log(string.Create(CultureInfo.InvariantCulture, $"ovnk half: {step}: {elapsed.TotalSeconds:0.00} s {detail}"));

        public void Info(string message) => log("ovnk half: " + message);
    }

    public static async Task<JsonObject> RunAsync(OvnkInstall install, int pods, Action<string> log, CancellationToken cancellationToken)
    {
        var name = "bpod" + Guid.NewGuid().ToString("N")[..5];
        var paths = new LabPaths(Path.Combine(Path.GetTempPath(), "ovnk-bench-" + name));
        var options = new LabOptions
        {
            Name = name, Paths = paths, Workers = 0, ApiPort = FreePort(), OvnkBinary = install.Binary, DeployDirectory = install.DeployDirectory,
        };
        var progress = new Progress(log);
        try
        {
            var clock = Stopwatch.StartNew();
            var up = new LabUp(options, progress);
            await up.RunAsync(cancellationToken);
            var upSeconds = clock.Elapsed.TotalSeconds;
            using var api = LabApi.Open(paths.Kubeconfig);
            var node = up.Topology.ControlPlane.Name;
            await BurstAsync(api.Client, node, "warmup", WarmupPods, cancellationToken);
            log($"ovnk half: creating {pods} pods at once on {node}");
            var ready = await BurstAsync(api.Client, node, "bench", pods, cancellationToken);
            return new JsonObject
            {
                ["ovnk_lab_up_s"] = Math.Round(upSeconds, 2),
                ["ovnk_ready_p50_ms"] = Percentile(ready, 50),
                ["ovnk_ready_p99_ms"] = Percentile(ready, 99),
            };
        }
        finally
        {
            await new LabDown(name, paths, progress).RunAsync(keepState: false, CancellationToken.None);
        }
    }

    /// <summary>Creates <paramref name="count"/> pods at once; returns each one's created → Ready ms (sorted); deletes them.</summary>
    private static async Task<List<double>> BurstAsync(Kubernetes client, string node, string prefix, int count, CancellationToken cancellationToken)
    {
        var created = new Dictionary<string, long>(StringComparer.Ordinal);
        var ready = new Dictionary<string, double>(StringComparer.Ordinal);
        var selector = $"ovnk-bench={prefix}";
        await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
        {
            var pod = new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = $"{prefix}-{i}", Labels = new Dictionary<string, string> { ["ovnk-bench"] = prefix } },
                Spec = new V1PodSpec
                {
                    NodeName = node, TerminationGracePeriodSeconds = 1,
                    Tolerations = [new V1Toleration { Key = "node-role.kubernetes.io/control-plane", OperatorProperty = "Exists", Effect = "NoSchedule" }],
                    Containers = [new V1Container { Name = "agnhost", Image = "registry.k8s.io/e2e-test-images/agnhost:2.53", Args = ["netexec", "--http-port=8080"] }],
                },
            };
            lock (created) created[pod.Metadata.Name] = Stopwatch.GetTimestamp();
            return client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: cancellationToken);
        }));
        var deadline = Stopwatch.StartNew();
        while (ready.Count < count)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(4))
                throw new LabException("bench pods", $"{ready.Count}/{count} pods Ready on the Ovnk node after 4 min", "look at `kubectl describe pod` and the node agent's log");
            var list = await client.CoreV1.ListNamespacedPodAsync("default", labelSelector: selector, cancellationToken: cancellationToken);
            var now = Stopwatch.GetTimestamp();
            foreach (var pod in list.Items.Where(LabApi.IsReady))
                ready.TryAdd(pod.Name(), Stopwatch.GetElapsedTime(created[pod.Name()], now).TotalMilliseconds);
            await Task.Delay(100, cancellationToken);
        }
        await client.CoreV1.DeleteCollectionNamespacedPodAsync("default", labelSelector: selector, cancellationToken: cancellationToken);
        for (var i = 0; i < 1200 && (await client.CoreV1.ListNamespacedPodAsync("default", labelSelector: selector, cancellationToken: cancellationToken)).Items.Count > 0; i++)
            await Task.Delay(100, cancellationToken);
        return [.. ready.Values.Order()];
    }

    private static double Percentile(List<double> sorted, int percentile) =>
        Math.Round(sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)], 1);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
