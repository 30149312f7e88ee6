using k8s;
using k8s.Models;

namespace Ovnk.Lab.Cluster;

/// <summary>`ovnk lab status`: what runs (pid files), what the API server says about nodes and Ovnk pods.</summary>
public sealed record LabStatus(
    LabRecord Record,
    IReadOnlyList<ComponentStatus> Components,
    IReadOnlyDictionary<string, NodeState> Nodes,
    IReadOnlyList<OvnkPodStatus> OvnkPods,
    PodReadyLatency? Latency,
    string? ApiError)
{
    public static async Task<LabStatus> GatherAsync(LabPaths paths, CancellationToken cancellationToken)
    {
        var record = LabRecord.Load(paths.RecordFile)
            ?? throw new LabException("status", $"no lab in {paths.Root}", "start one with `ovnk lab up`, or give --name/--state-dir");
        var components = new[] { LabComponent.ApiServer(paths) }
            .Concat(record.Nodes.Select(n => LabComponent.Kubelet(paths, n.Name)))
            .Select(c => new ComponentStatus(c.Name, PidFile.Read(c.PidFile)?.Pid, PidFile.ReadAlive(c.PidFile) is not null, c.LogFile))
            .ToList();
        if (!File.Exists(paths.Kubeconfig) || !components[0].Alive)
        {
            return new LabStatus(record, components, new Dictionary<string, NodeState>(), [], null, "the API server is not running");
        }
        using var api = LabApi.Open(paths.Kubeconfig);
        try
        {
            var nodes = await api.NodesAsync(cancellationToken);
            var ovnk = await api.Client.CoreV1.ListNamespacedPodAsync(LabApi.OvnkNamespace, cancellationToken: cancellationToken);
            var all = await api.Client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: cancellationToken);
            var pods = ovnk.Items.Select(p => new OvnkPodStatus(p.Name(), p.Spec.NodeName, LabApi.IsReady(p),
                p.Status?.ContainerStatuses?.Sum(c => c.RestartCount) ?? 0)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
            return new LabStatus(record, components, nodes, pods, PodReadyLatency.Of(all.Items), null);
        }
        catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException)
        {
            return new LabStatus(record, components, new Dictionary<string, NodeState>(), [], null, e.Message);
        }
    }
}

public sealed record ComponentStatus(string Name, int? Pid, bool Alive, string LogFile);

public sealed record OvnkPodStatus(string Name, string? Node, bool Ready, int Restarts);

/// <summary>Created → Ready of every Ready pod, from its Ready condition's transition time (1 s resolution).</summary>
public sealed record PodReadyLatency(int Pods, TimeSpan P50, TimeSpan P99, TimeSpan Max)
{
    public static PodReadyLatency? Of(IEnumerable<V1Pod> pods)
    {
        var latencies = pods
            .Select(p => (Created: p.Metadata.CreationTimestamp, Ready: p.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready" && c.Status == "True")?.LastTransitionTime))
            .Where(p => p.Created is not null && p.Ready is not null)
            .Select(p => p.Ready!.Value - p.Created!.Value)
            .Where(t => t >= TimeSpan.Zero)
            .Order()
            .ToList();
        if (latencies.Count == 0) return null;
        TimeSpan At(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        return new PodReadyLatency(latencies.Count, At(0.5), At(0.99), latencies[^1]);
    }
}
