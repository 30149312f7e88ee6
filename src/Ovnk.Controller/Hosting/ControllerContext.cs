using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Ovnk.Controller.Metrics;
using Ovnk.Controller.Nb;
using Ovnk.Controller.Nodes;
using Ovnk.Controller.Pods;
using Ovnk.Kube.Informers;
using Ovnk.Kube.Queue;
using Ovnk.Translation.Topology;

namespace Ovnk.Controller.Hosting;

/// <summary>What the reconcilers share during one term of leadership (allocators start fresh each term).</summary>
public sealed class ControllerContext
{
    /// <summary>The API client.</summary>
    public IKubernetes Kube { get; }

    /// <summary>The NB.</summary>
    public NbState Nb { get; }

    /// <summary>Cluster settings.</summary>
    public ClusterConfig Config { get; }

    /// <summary>Nodes by name.</summary>
    public Store<V1Node> Nodes { get; }

    /// <summary>Pods by <c>ns/name</c>, indexed by namespace and node.</summary>
    public Store<V1Pod> Pods { get; }

    /// <summary>Namespaces by name.</summary>
    public Store<V1Namespace> Namespaces { get; }

    /// <summary>Node subnets and IDs.</summary>
    public ClusterManager ClusterManager { get; }

    /// <summary>Pod IPs.</summary>
    public PodIpam Ipam { get; } = new();

    /// <summary>Events and log lines for bad input.</summary>
    public Problems Problems { get; }

    /// <summary>Metrics.</summary>
    public ControllerMetrics Metrics { get; }

    /// <summary>The logger.</summary>
    public ILogger Logger { get; }

    /// <summary>Node keys to reconcile.</summary>
    public WorkQueue<string>? NodeQueue { get; set; }

    /// <summary>Pod keys to reconcile.</summary>
    public WorkQueue<string>? PodQueue { get; set; }

    /// <summary>Pod keys whose <c>pod-networks</c> annotation is to be written (apart from their LSP, see <see cref="PodReconciler"/>).</summary>
    public WorkQueue<string>? PodAnnotationQueue { get; set; }

    /// <summary>Namespace keys to reconcile.</summary>
    public WorkQueue<string>? NamespaceQueue { get; set; }

    /// <summary>Creates the context with a cluster manager for <paramref name="config"/>.</summary>
    public ControllerContext(IKubernetes kube, NbState nb, ClusterConfig config, Store<V1Node> nodes, Store<V1Pod> pods,
        Store<V1Namespace> namespaces, Problems problems, ControllerMetrics metrics, ILogger logger)
    {
        Kube = kube;
        Nb = nb;
        Config = config;
        Nodes = nodes;
        Pods = pods;
        Namespaces = namespaces;
        Problems = problems;
        Metrics = metrics;
        Logger = logger;
        ClusterManager = new ClusterManager(config);
    }
}
