using System.Diagnostics;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Ovnk.Controller.Metrics;
using Ovnk.Controller.Namespaces;
using Ovnk.Controller.Nb;
using Ovnk.Controller.Nodes;
using Ovnk.Controller.Pods;
using Ovnk.Kube.Events;
using Ovnk.Kube.Informers;
using Ovnk.Kube.Leader;
using Ovnk.Kube.Queue;

namespace Ovnk.Controller.Hosting;

/// <summary>
/// <c>ovnk controller</c>: informers for nodes, pods and namespaces (kept warm on standby too), and, while this
/// instance leads, a full sync and one work queue per kind reconciling into the NB. Only the leader writes.
/// </summary>
public sealed partial class ControllerHost(ControllerOptions options, IKubernetes kube, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger("ovnk.controller");
    private volatile ControllerContext? _ctx;
    private NbState? _nb;

    /// <summary>The metrics.</summary>
    public ControllerMetrics Metrics { get; } = new();

    /// <summary>Where <c>/metrics</c> is served, once running.</summary>
    public Uri? MetricsAddress { get; private set; }

    /// <summary>True while this instance leads and its queues run.</summary>
    public bool IsLeader => _ctx is not null;

    /// <summary>Keys waiting in or being reconciled by this instance's work queues (0 on standby).</summary>
    public int QueueDepth => _ctx is { } c ? (c.NodeQueue?.Pending ?? 0) + (c.PodQueue?.Pending ?? 0) + (c.PodAnnotationQueue?.Pending ?? 0)
        + (c.NamespaceQueue?.Pending ?? 0) : 0;

    /// <summary>NB transactions this instance sent.</summary>
    public long NbTransactions => _nb?.Transactions ?? 0;

    /// <summary>Completes when the first full sync of a term has queued everything.</summary>
    public Task Synced => _synced.Task;

    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var metrics = options.MetricsPort is { } port
            ? await MetricsServer.StartAsync(Metrics, options.MetricsAddress, port, cancellationToken).ConfigureAwait(false) : null;
        MetricsAddress = metrics?.Address;
        await using var nb = _nb = await NbState.ConnectAsync(options.NbRemote, _logger, cancellationToken).ConfigureAwait(false);
        Metrics.NbTransactions = () => nb.Transactions;
        await using var nodes = new Informer<V1Node, V1NodeList>(ResourceAdapters.Nodes(kube), logger: _logger);
        await using var pods = new Informer<V1Pod, V1PodList>(ResourceAdapters.Pods(kube), new Dictionary<string, Func<V1Pod, IEnumerable<string>>>
        {
            [Indexers.Namespace] = Indexers.ByNamespace, [Indexers.NodeName] = Indexers.ByNodeName,
        }, logger: _logger) { Transform = PodTrim.Trim };
        await using var namespaces = new Informer<V1Namespace, V1NamespaceList>(ResourceAdapters.Namespaces(kube), logger: _logger);
        nodes.AddHandler(new Enqueuer<V1Node>(k => _ctx?.NodeQueue?.Add(k)));
        pods.AddHandler(new Enqueuer<V1Pod>(k => _ctx?.PodQueue?.Add(k), Metrics.PodSeen, Metrics.PodGone));
        namespaces.AddHandler(new Enqueuer<V1Namespace>(k => _ctx?.NamespaceQueue?.Add(k)));
        nodes.Start();
        pods.Start();
        namespaces.Start();
        await Task.WhenAll(nodes.WaitForSyncAsync(cancellationToken), pods.WaitForSyncAsync(cancellationToken),
            namespaces.WaitForSyncAsync(cancellationToken)).ConfigureAwait(false);
        var stores = (nodes.Store, pods.Store, namespaces.Store);
        if (options.LeaderElection is { } election)
            await new LeaderElector(kube, election, _logger).RunAsync(t => LeadAsync(nb, stores, t), cancellationToken).ConfigureAwait(false);
        else
            await LeadAsync(nb, stores, cancellationToken).ConfigureAwait(false);
    }

    private async Task LeadAsync(NbState nb, (Store<V1Node>, Store<V1Pod>, Store<V1Namespace>) stores, CancellationToken cancellationToken)
    {
        var recorder = new EventRecorder(kube, "ovnk-controller", options.Identity, _logger);
        var ctx = new ControllerContext(kube, nb, options.Cluster, stores.Item1, stores.Item2, stores.Item3,
            new Problems(recorder, _logger), Metrics, _logger);
        var nodeReconciler = new NodeReconciler(ctx);
        var podReconciler = new PodReconciler(ctx);
        var nsReconciler = new NamespaceReconciler(ctx);
        await using var nodeQueue = ctx.NodeQueue = Queue("node", ctx, nodeReconciler.ReconcileAsync);
        await using var podQueue = ctx.PodQueue = Queue("pod", ctx, podReconciler.ReconcileAsync);
        await using var annotationQueue = ctx.PodAnnotationQueue = Queue("pod-annotation", ctx, podReconciler.AnnotateAsync);
        await using var nsQueue = ctx.NamespaceQueue = Queue("namespace", ctx, nsReconciler.ReconcileAsync);
        var started = Stopwatch.GetTimestamp();
        _ctx = ctx;
        Metrics.SetLeader(true);
        try
        {
            await FullSync.RunAsync(ctx, cancellationToken).ConfigureAwait(false);
            nodeQueue.Start();
            podQueue.Start();
            annotationQueue.Start();
            nsQueue.Start();
            LogLeading(options.Identity, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            _synced.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Leadership ended or shutdown: the queues stop below, before anyone else can lead.
        }
        finally
        {
            _ctx = null;
            Metrics.SetLeader(false);
        }
    }

    private WorkQueue<string> Queue(string kind, ControllerContext ctx, Func<string, CancellationToken, Task> reconcile)
    {
        var sync = Metrics.Sync(kind);
        var queue = new WorkQueue<string>(async (key, ct) =>
        {
            var t = Stopwatch.GetTimestamp();
            try { await reconcile(key, ct).ConfigureAwait(false); }
            finally { sync.Observe(Stopwatch.GetElapsedTime(t)); }
        }, new WorkQueueOptions { Workers = options.Workers, BaseDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromSeconds(5) },
            new QueueHooks(kind, ctx));
        Metrics.AddQueue(kind, () => queue.Depth);
        return queue;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} leads: full sync queued everything in {Ms:F0} ms")]
    private partial void LogLeading(string identity, double ms);
}
