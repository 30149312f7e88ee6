using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Ovnk.Lab.Cluster;

/// <summary>
/// `ovnk bench lab` (issue 8): a fresh lab brought up step by step (timed), then a 30-replica agnhost deployment
/// created at once → every pod Ready (client clock, polled every 100 ms), then `lab down`. One JSON object.
/// </summary>
public static class LabBenchmark
{
    private sealed class Collect(Action<string> log) : ILabProgress
    {
        public void StepDone(string step, TimeSpan elapsed, string? detail) =>
            log(string.Create(CultureInfo.InvariantCulture, $"{step}: {elapsed.TotalSeconds:0.00} s {detail}"));

        public void Info(string message) => log(message);
    }

    public static async Task<JsonObject> RunAsync(OvnkInstall install, int replicas, Action<string> log, CancellationToken cancellationToken)
    {
        var name = "bench" + Guid.NewGuid().ToString("N")[..5];
        var paths = new LabPaths(Path.Combine(Path.GetTempPath(), "ovnk-bench-" + name));
        var options = new LabOptions
        {
            Name = name, Paths = paths, ApiPort = FreePort(), OvnkBinary = install.Binary, DeployDirectory = install.DeployDirectory,
        };
        var progress = new Collect(log);
        var result = new JsonObject { ["nodes"] = options.Workers + 1, ["replicas"] = replicas };
        try
        {
            var clock = Stopwatch.StartNew();
            var up = new LabUp(options, progress);
            await up.RunAsync(cancellationToken);
            result["lab_up_s"] = Math.Round(clock.Elapsed.TotalSeconds, 2);
            var steps = new JsonObject();
            foreach (var (step, elapsed) in up.Timings) steps[step.Replace(' ', '_')] = Math.Round(elapsed.TotalSeconds, 2);
            result["steps_s"] = steps;
            using var api = LabApi.Open(paths.Kubeconfig);
            var latencies = await DeployAsync(api.Client, replicas, cancellationToken);
            result["deploy30_ready_p50_ms"] = Percentile(latencies, 0.50);
            result["deploy30_ready_p99_ms"] = Percentile(latencies, 0.99);
            result["deploy30_ready_max_ms"] = latencies[^1];
        }
        finally
        {
            var down = Stopwatch.StartNew();
            await new LabDown(name, paths, progress).RunAsync(keepState: false, CancellationToken.None);
            result["lab_down_s"] = Math.Round(down.Elapsed.TotalSeconds, 2);
        }
        return result;
    }

    /// <summary>Creates the deployment and returns each pod's created → Ready time in ms (sorted).</summary>
    private static async Task<List<long>> DeployAsync(IKubernetes client, int replicas, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, string> { ["app"] = "bench" };
        var deployment = new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "bench" },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        Containers = [new V1Container { Name = "agnhost", Image = "registry.k8s.io/e2e-test-images/agnhost:2.53", Args = ["netexec", "--http-port=8080"] }],
                    },
                },
            },
        };
        var start = Stopwatch.StartNew();
        await client.AppsV1.CreateNamespacedDeploymentAsync(deployment, "default", cancellationToken: cancellationToken);
        var ready = new Dictionary<string, long>(StringComparer.Ordinal);
        var deadline = TimeSpan.FromMinutes(5);
        while (ready.Count < replicas)
        {
            if (start.Elapsed > deadline) throw new LabException("bench", $"{ready.Count}/{replicas} pods Ready after 5 min", "look at `ovnk lab status` and the kubelet logs");
            var pods = await client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=bench", cancellationToken: cancellationToken);
            foreach (var pod in pods.Items.Where(LabApi.IsReady))
            {
                ready.TryAdd(pod.Name(), start.ElapsedMilliseconds);
            }
            await Task.Delay(100, cancellationToken);
        }
        return [.. ready.Values.Order()];
    }

    private static long Percentile(List<long> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
