using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ovnk.Node.Cni;
using Ovnk.Node.Gateway;
using Ovnk.Node.Kube;
using Ovnk.Node.Ovs;
using Ovnk.Node.Pods;
using Ovnk.Node.Setup;

namespace Ovnk.Node;

/// <summary>
/// <c>ovnk node</c>: connects to the node's OVS database and the API, runs node setup (idempotent), then serves the
/// CNI socket with <see cref="PodCniHandler"/> until disposed. Holds no state of its own beyond caches: everything
/// it needs after a restart is in OVS, the kernel and the API.
/// </summary>
public sealed class NodeAgent : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> owned;
    private readonly Kubernetes kube;

    private NodeAgent(Kubernetes kube, List<IAsyncDisposable> owned, NodeSetupResult setup, CniServer server)
    {
        this.kube = kube;
        this.owned = owned;
        Setup = setup;
        Server = server;
    }

    public NodeSetupResult Setup { get; }

    public CniServer Server { get; }

    public static Task<NodeAgent> StartAsync(NodeOptions options, CancellationToken cancellationToken) =>
        StartAsync(options, NullLoggerFactory.Instance, cancellationToken);

    /// <summary>Starts the agent; <paramref name="loggers"/> get what the background loops (breth0's flows, the tunnel neighbour cache) report.</summary>
    public static async Task<NodeAgent> StartAsync(NodeOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var config = options.Kubeconfig is null
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigFile(options.Kubeconfig);
        var kube = new Kubernetes(config);
        var owned = new List<IAsyncDisposable>();
        var log = loggers.CreateLogger<NodeAgent>();
        try
        {
            var db = await StageAsync(log, $"connect to the OVS database {options.OvsDatabase}", options.StartupStageTimeout,
                ct => VswitchDb.ConnectAsync(options.OvsDatabase, ct), "check that ovs-node (ovsdb-server) runs on this node and answers on that socket", cancellationToken);
            owned.Add(db);
            // Every node: this one for setup, the others for the tunnel neighbour cache.
            var node = new WatchedStore<V1Node, V1NodeList>(Ovnk.Kube.Informers.ResourceAdapters.Nodes(kube));
            owned.Add(node);
            var pods = new WatchedStore<V1Pod, V1PodList>(KubeAdapters.PodsOnNode(kube, options.NodeName));
            owned.Add(pods);
            var api = $"the API server at {kube.BaseUri}";
            var apiFix = "check that the API server runs and that this node reaches it (kubeconfig or KUBERNETES_SERVICE_HOST/PORT, routes, certificates)";
            await StageAsync(log, $"list and watch Nodes from {api}", options.StartupStageTimeout, node.StartAsync, apiFix, cancellationToken);
            await StageAsync(log, $"list and watch the Pods of {options.NodeName}", options.StartupStageTimeout, pods.StartAsync, apiFix, cancellationToken);
            log.LogInformation("startup: node setup (OVS bridges, uplink, management port, annotations)");
            var setup = await NodeSetup.RunAsync(options, db, kube, node, cancellationToken);
            owned.Add(new GatewayFlowKeeper(options, db, loggers.CreateLogger<GatewayFlowKeeper>()));
            owned.Add(new TunnelNeighbourSeeder(options, node, loggers.CreateLogger<TunnelNeighbourSeeder>()));
            log.LogInformation("startup: serving CNI on {Socket}", options.CniSocketPath);
            var server = await CniServer.StartAsync(options.CniSocketPath, new PodCniHandler(options, db, pods, kube), cancellationToken);
            owned.Add(server);
            return new NodeAgent(kube, owned, setup, server);
        }
        catch
        {
            await DisposeAllAsync(owned);
            kube.Dispose();
            throw;
        }
    }

    /// <summary>
    /// One startup step, logged before it starts and bounded: a step that hangs (a peer that accepts but never
    /// answers, an API list that keeps failing) ends the agent with the step's name and the fix, and its restart
    /// tries again, instead of a silent agent and a node that never turns Ready.
    /// </summary>
    private static async Task<T> StageAsync<T>(ILogger log, string stage, TimeSpan bound, Func<CancellationToken, Task<T>> body, string fix,
        CancellationToken cancellationToken)
    {
        log.LogInformation("startup: {Stage}", stage);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(bound);
        try
        {
            return await body(timeout.Token).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new NodeSetupException($"startup step \"{stage}\" did not finish within {bound.TotalSeconds:0} s", fix);
        }
    }

    private static Task StageAsync(ILogger log, string stage, TimeSpan bound, Func<CancellationToken, Task> body, string fix, CancellationToken cancellationToken) =>
        StageAsync(log, stage, bound, async ct =>
        {
            await body(ct);
            return true;
        }, fix, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await DisposeAllAsync(owned);
        kube.Dispose();
    }

    private static async Task DisposeAllAsync(List<IAsyncDisposable> owned)
    {
        for (var i = owned.Count - 1; i >= 0; i--) await owned[i].DisposeAsync();
    }
}
