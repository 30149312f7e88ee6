using k8s;
using k8s.Models;
using Ovnk.Node.Cni;
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

    public static async Task<NodeAgent> StartAsync(NodeOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = options.Kubeconfig is null
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigFile(options.Kubeconfig);
        var kube = new Kubernetes(config);
        var owned = new List<IAsyncDisposable>();
        try
        {
            var db = await VswitchDb.ConnectAsync(options.OvsDatabase, cancellationToken);
            owned.Add(db);
            // Every node: this one for setup, the others for the tunnel neighbour cache.
            var node = new WatchedStore<V1Node, V1NodeList>(Ovnk.Kube.Informers.ResourceAdapters.Nodes(kube));
            owned.Add(node);
            var pods = new WatchedStore<V1Pod, V1PodList>(KubeAdapters.PodsOnNode(kube, options.NodeName));
            owned.Add(pods);
            await node.StartAsync(cancellationToken);
            await pods.StartAsync(cancellationToken);
            var setup = await NodeSetup.RunAsync(options, db, kube, node, cancellationToken);
            owned.Add(new TunnelNeighbourSeeder(options, node));
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
