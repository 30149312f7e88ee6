using System.Globalization;
using System.Text;

namespace Ovnk.Controller.Metrics;

/// <summary>
/// The controller's metrics with upstream's names where they exist (reference §6):
/// <c>ovnkube_controller_pod_creation_latency_seconds</c>, <c>ovnkube_controller_sync_duration_seconds</c>,
/// work-queue depth, plus NB transactions, give-ups and leadership.
/// </summary>
public sealed class ControllerMetrics
{
    private readonly Dictionary<string, Histogram> _sync = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Histogram> _podStages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<int>> _depth = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _podSeen = new(StringComparer.Ordinal);
    private long _giveUps;
    private int _leader;

    /// <summary>From the informer seeing a pod to its LSP transaction being acknowledged.</summary>
    public Histogram PodCreationLatency { get; } = new("ovnkube_controller_pod_creation_latency_seconds",
        "Latency from a pod being seen to its logical switch port being committed");

    /// <summary>Notes when the informer first saw a pod (the start of its creation latency).</summary>
    public void PodSeen(string key) => _podSeen.TryAdd(key, System.Diagnostics.Stopwatch.GetTimestamp());

    /// <summary>When the informer first saw a pod whose LSP is not committed yet, or null.</summary>
    public long? SeenAt(string key) => _podSeen.TryGetValue(key, out var seen) ? seen : null;

    /// <summary>
    /// One stage of a new pod's creation latency: <c>queue</c> (seen → its reconcile starts), <c>annotate</c> (the
    /// pod-networks PATCH) and <c>nb</c> (the LSP transaction; these two run at once), so a slow figure says where.
    /// </summary>
    public Histogram PodStage(string stage)
    {
        lock (_podStages)
        {
            if (!_podStages.TryGetValue(stage, out var h))
                _podStages[stage] = h = new Histogram("ovnkube_controller_pod_stage_seconds", "Stages of a new pod's creation latency");
            return h;
        }
    }

    /// <summary>Forgets a deleted pod's start time.</summary>
    public void PodGone(string key) => _podSeen.TryRemove(key, out _);

    /// <summary>Records a pod's LSP as committed: latency from when it was first seen (or from <paramref name="fallbackStart"/>).</summary>
    public void PodCreated(string key, long fallbackStart)
    {
        var start = _podSeen.TryRemove(key, out var seen) ? seen : fallbackStart;
        PodCreationLatency.Observe(System.Diagnostics.Stopwatch.GetElapsedTime(start));
    }

    /// <summary>NB transactions sent.</summary>
    public Func<long> NbTransactions { get; set; } = () => 0;

    /// <summary>The reconcile-duration histogram of one resource kind.</summary>
    public Histogram Sync(string resource)
    {
        lock (_sync)
        {
            if (!_sync.TryGetValue(resource, out var h))
                _sync[resource] = h = new Histogram("ovnkube_controller_sync_duration_seconds", "Duration of one reconcile, by resource");
            return h;
        }
    }

    /// <summary>Registers a work queue's depth.</summary>
    public void AddQueue(string name, Func<int> depth)
    {
        lock (_depth) _depth[name] = depth;
    }

    /// <summary>Counts a reconcile given up after its last retry.</summary>
    public void GiveUp() => Interlocked.Increment(ref _giveUps);

    /// <summary>Sets whether this instance leads.</summary>
    public void SetLeader(bool leader) => Volatile.Write(ref _leader, leader ? 1 : 0);

    /// <summary>The Prometheus text exposition.</summary>
    public string Render()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        PodCreationLatency.Render(sb);
        RenderFamily(sb, _sync, "resource_name");
        RenderFamily(sb, _podStages, "stage");
        sb.Append("# HELP ovnkube_controller_workqueue_depth Keys waiting in a work queue\n# TYPE ovnkube_controller_workqueue_depth gauge\n");
        lock (_depth)
            foreach (var (name, depth) in _depth.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                sb.Append(c, $"ovnkube_controller_workqueue_depth{{name=\"{name}\"}} {depth()}\n");
        sb.Append(c, $"# HELP ovnkube_controller_nb_transactions_total NB transactions sent\n# TYPE ovnkube_controller_nb_transactions_total counter\novnkube_controller_nb_transactions_total {NbTransactions()}\n");
        sb.Append(c, $"# HELP ovnkube_controller_workqueue_giveups_total Reconciles given up after the last retry\n# TYPE ovnkube_controller_workqueue_giveups_total counter\novnkube_controller_workqueue_giveups_total {Interlocked.Read(ref _giveUps)}\n");
        sb.Append(c, $"# HELP ovnkube_controller_leader 1 while this instance is the leader\n# TYPE ovnkube_controller_leader gauge\novnkube_controller_leader {Volatile.Read(ref _leader)}\n");
        return sb.ToString();
    }

    /// <summary>Histograms of one name with one label: HELP and TYPE once, then each label value's series.</summary>
    private static void RenderFamily(StringBuilder sb, Dictionary<string, Histogram> family, string label)
    {
        lock (family)
        {
            var first = true;
            foreach (var (value, h) in family.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                var one = new StringBuilder();
                h.Render(one, $"{label}=\"{value}\"");
                sb.Append(first ? one.ToString() : string.Join('\n', one.ToString().Split('\n').Skip(2)));
                first = false;
            }
        }
    }
}
