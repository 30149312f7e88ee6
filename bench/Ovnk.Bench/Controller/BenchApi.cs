using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using k8s;
using k8s.Models;
using Ovnk.Kube.Informers;
using Ovnk.Lab;
using Ovnk.Model.Addressing;
using Ovnk.Model.Annotations;

namespace Ovnk.Bench.Controller;

/// <summary>The lab API server for the benchmark: nodes with node-agent annotations, pods, and the create → annotation clock.</summary>
internal sealed class BenchApi : IResourceEventHandler<V1Pod>, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, long> _created = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _annotatedMs = new(StringComparer.Ordinal);
    private readonly string _dir;
    private Informer<V1Pod, V1PodList>? _pods;

    private BenchApi(ApiServer server, string dir)
    {
        Server = server;
        _dir = dir;
        Kube = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));
    }

    public ApiServer Server { get; }

    public Kubernetes Kube { get; }

    public int Annotated => _annotatedMs.Count;

    public static async Task<BenchApi> StartAsync(CancellationToken ct)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ovnk-bench-ctrl-" + Guid.NewGuid().ToString("N")[..12]);
        var server = await ApiServer.StartAsync(new ApiServerOptions { StateDirectory = dir, Listen = [new IPEndPoint(IPAddress.Loopback, 0)], RunControllers = false }, ct);
        var api = new BenchApi(server, dir);
        api._pods = new Informer<V1Pod, V1PodList>(ResourceAdapters.Pods(api.Kube));
        api._pods.AddHandler(api);
        api._pods.Start();
        await api._pods.WaitForSyncAsync(ct);
        return api;
    }

    public async Task CreateNodesAsync(int count, CancellationToken ct)
    {
        for (var i = 0; i < count; i++)
        {
            var ip = IPAddress.Parse($"172.18.{i / 200}.{2 + (i % 200)}");
            var name = $"node-{i}";
            var gw = new L3GatewayConfig(GatewayMode.Shared, "breth0", "breth0_" + name, new MacAddress(0x024200000000UL + (ulong)i), [new InterfaceAddress(ip, 16)], [IPAddress.Parse("172.18.0.1")], true, 0);
            var annotations = new Dictionary<string, string>
            {
                [AnnotationKeys.NodeChassisId] = Guid.NewGuid().ToString(),
                [AnnotationKeys.L3GatewayConfig] = L3GatewayConfigAnnotation.Format(gw),
                [AnnotationKeys.NodeMgmtPortMacAddresses] = NodeMgmtPortMacAnnotation.Format(new Dictionary<string, MacAddress> { ["default"] = new(0xca5300000000UL + (ulong)i) }),
            };
            await Kube.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = name, Annotations = annotations } }, cancellationToken: ct);
        }
        await Kube.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "bench" } }, cancellationToken: ct);
    }

    /// <summary>Creates one pod, noting when the create was sent.</summary>
    public async Task CreatePodAsync(string name, string node, CancellationToken ct)
    {
        _created[name] = Stopwatch.GetTimestamp();
        await Kube.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "c", Image = "busybox" }] },
        }, "bench", cancellationToken: ct);
    }

    /// <summary>Create → annotation latencies (ms) of the named pods.</summary>
    public double[] AnnotationMs(IEnumerable<string> names) => [.. names.Select(n => _annotatedMs.GetValueOrDefault(n, double.NaN)).Where(v => !double.IsNaN(v))];

    public void OnAdd(V1Pod obj) => Seen(obj);

    public void OnUpdate(V1Pod oldObj, V1Pod newObj) => Seen(newObj);

    public void OnDelete(V1Pod lastKnown) { }

    private void Seen(V1Pod pod)
    {
        if (pod.Metadata.Annotations?.ContainsKey(AnnotationKeys.PodNetworks) == true && _created.TryGetValue(pod.Metadata.Name, out var t))
            _annotatedMs.TryAdd(pod.Metadata.Name, Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    }

    public async ValueTask DisposeAsync()
    {
        if (_pods is not null) await _pods.DisposeAsync();
        Kube.Dispose();
        await Server.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { /* best effort */ }
    }
}
