using k8s;
using Ovnk.Kube.Events;
using Ovnk.Lab.Kubelet.Cni;
using Ovnk.Lab.Kubelet.Containers;
using Ovnk.Lab.Kubelet.Nodes;
using Ovnk.Lab.Kubelet.Pods;

namespace Ovnk.Lab.Kubelet;

/// <summary>
/// One lab node's kubelet + container runtime: creates or adopts the node's namespaces, registers the Node, keeps
/// its Lease and Ready condition current, and runs the pods bound to it. Runs outside the node (root namespaces),
/// entering the node's namespaces to start things. Dispose stops the loops and leaves pods running; the next start
/// adopts them.
/// </summary>
public sealed class KubeletLite : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Kubernetes _client;
    private readonly NodeStatusReporter _status;
    private readonly PodManager _pods;
    private readonly Task _statusLoop;
    private readonly Task _pruneLoop;
    private Ovnk.Lab.Streaming.StreamingServer? _streaming;

    private KubeletLite(Kubernetes client, NodeStatusReporter status, PodManager pods, NodeNamespaces node)
    {
        _client = client;
        _status = status;
        _pods = pods;
        Node = node;
        _statusLoop = status.RunAsync(_stop.Token);
        _pruneLoop = PruneAsync(_stop.Token);
    }

    public NodeNamespaces Node { get; }

    public PodManager Pods => _pods;

    /// <summary>The node's sandboxes (CNI timings for the benchmark).</summary>
    public SandboxManager Sandboxes { get; private init; } = null!;

    /// <summary>Per-pod start stage timestamps (for the benchmark).</summary>
    public PodStartTimings Timings { get; private init; } = null!;

    public static async Task<KubeletLite> StartAsync(KubeletOptions options, CancellationToken cancellationToken)
    {
        // Sandbox setup blocks pool threads (namespace threads, nsenter/plugin process starts): with the default minimum
        // (= cores) a burst of pods waits for the pool's slow thread injection (~2 per second), which dominated startup.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
        var paths = new NodePaths(options.StateDirectory);
        var node = new NodeNamespaces(paths, options.EffectiveNetNsName, options.NodeName);
        await node.EnsureAsync(cancellationToken);
        InstallPlugins(options.CniPluginSource, paths.CniBinDirectory);
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(options.Kubeconfig);
        var client = new Kubernetes(config);
        var server = new Uri(config.Host);
        var cni = new CniRuntime(new CniPluginExecutor(node.All, paths.CniBinDirectory,
            new(Containers.LeftoverProcesses.TagVariable, Path.GetFullPath(options.StateDirectory))), new CniCache(paths.CniResultsDirectory), paths.CniConfDirectory);
        var addresses = new NodeAddresses(node.NetNs);
        var status = new NodeStatusReporter(client, options, cni, () => NodeFacts.Read(addresses.Current));
        await status.RegisterAsync(cancellationToken);
        var caPem = ReadCaPem(config);
        var timings = new PodStartTimings();
        var context = new PodContext
        {
            Timings = timings,
            Client = client,
            Options = options,
            Paths = paths,
            Sandboxes = new SandboxManager(paths, node, cni, options.EffectiveNetNsName, timings),
            Volumes = new VolumeBuilder(client, caPem),
            Env = new EnvResolver(client, options.ApiServerHost ?? server.Host, options.ApiServerPort ?? server.Port),
            Events = new EventRecorder(client, "kubelet", options.NodeName),
            OvnkBinary = options.OvnkBinary ?? DefaultOvnkBinary(),
            NetworkProblem = () => status.NetworkProblem,
            HostIp = () => addresses.Current.FirstOrDefault(),
        };
        var pods = new PodManager(context);
        var streaming = await Ovnk.Lab.Streaming.StreamingServer.StartAsync(options.StreamingSocketPath, new Streaming.KubeletStreamingRuntime(pods), cancellationToken);
        await pods.StartAsync(cancellationToken);
        return new KubeletLite(client, status, pods, node) { Sandboxes = context.Sandboxes, Timings = timings, _streaming = streaming };
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var loop in new[] { _statusLoop, _pruneLoop })
        {
            try
            {
                await loop;
            }
            catch (OperationCanceledException)
            {
                // Stopping is the point.
            }
        }
        if (_streaming is not null)
        {
            await _streaming.DisposeAsync();
        }
        await _pods.DisposeAsync();
        _client.Dispose();
        _stop.Dispose();
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            _pods.Prune();
        }
    }

    /// <summary>Copies plugin binaries the node lacks (a kind node image ships them in /opt/cni/bin).</summary>
    private static void InstallPlugins(string? source, string binDirectory)
    {
        if (source is null) return;
        if (!Directory.Exists(source)) throw new DirectoryNotFoundException($"--cni-plugins {source} does not exist; point it at the reference plugins (e.g. /usr/lib/cni)");
        foreach (var file in Directory.GetFiles(source))
        {
            var target = Path.Combine(binDirectory, Path.GetFileName(file));
            if (!File.Exists(target)) File.Copy(file, target);
        }
    }

    private static string ReadCaPem(KubernetesClientConfiguration config)
    {
        if (config.SslCaCerts is not { Count: > 0 } certs) return "";
        return string.Concat(certs.Select(c => c.ExportCertificatePem() + "\n"));
    }

    /// <summary>This process's ovnk apphost, or one next to the assembly (tests run from their own host).</summary>
    private static string DefaultOvnkBinary()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileName(self) == "ovnk") return self;
        return Path.Combine(AppContext.BaseDirectory, "ovnk");
    }
}
