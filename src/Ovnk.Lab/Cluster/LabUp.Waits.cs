namespace Ovnk.Lab.Cluster;

public sealed partial class LabUp
{
    private async Task<string> WaitNodesReadyAsync(CancellationToken cancellationToken)
    {
        using var api = LabApi.Open(_paths.Kubeconfig);
        var deadline = DateTime.UtcNow + _options.ReadyTimeout;
        IReadOnlyDictionary<string, NodeState> nodes = new Dictionary<string, NodeState>();
        while (DateTime.UtcNow < deadline)
        {
            CheckKubeletsAlive();
            nodes = await api.NodesAsync(cancellationToken);
            if (_topology.Nodes.All(n => nodes.TryGetValue(n.Name, out var s) && s.Ready))
            {
                return Plural(_topology.Nodes.Count, "node") + " Ready";
            }
            await Task.Delay(250, cancellationToken);
        }
        var stuck = _topology.Nodes.Where(n => !nodes.TryGetValue(n.Name, out var s) || !s.Ready).ToList();
        var first = stuck[0];
        var why = nodes.TryGetValue(first.Name, out var state) ? state.Message ?? "NotReady" : "never registered";
        var others = stuck.Count > 1 ? $" (also not Ready: {string.Join(", ", stuck.Skip(1).Select(n => n.Name))})" : "";
        throw new LabException("nodes Ready", $"node {first.Name} is not Ready after {_options.ReadyTimeout.TotalSeconds:0} s: {why}{others}",
            _options.Cni == LabCni.Ovnk
                ? "the Ovnk container named above has not finished its node setup: read its log (below), fix the cause, then run `ovnk lab up` again"
                : "read the kubelet log; the node's /etc/cni/net.d must hold a config whose plugins are in its /opt/cni/bin",
            LabComponent.Kubelet(_paths, first.Name).LogFile, null,
            _options.Cni == LabCni.Ovnk ? await StuckReportAsync(api, stuck.Select(n => n.Name), cancellationToken) : null);
    }

    /// <summary>The not-Ready Ovnk containers on <paramref name="nodes"/> with their logs' tails (best effort: the API may be the problem).</summary>
    private async Task<string> StuckReportAsync(LabApi api, IEnumerable<string> nodes, CancellationToken cancellationToken)
    {
        IReadOnlyList<k8s.Models.V1Pod> pods;
        try
        {
            (pods, _) = await api.OvnkPodsAsync(_topology.Nodes.Count, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException or IOException)
        {
            return $"(the Ovnk pods could not be listed: {e.Message})";
        }
        return string.Join('\n', nodes.Select(n => LabDiagnosis.Report(n, LabDiagnosis.Stuck(pods, n, _paths))));
    }

    private async Task<string> WaitOvnkPodsReadyAsync(CancellationToken cancellationToken)
    {
        using var api = LabApi.Open(_paths.Kubeconfig);
        var deadline = DateTime.UtcNow + _options.ReadyTimeout;
        var notReady = "no pods yet";
        while (DateTime.UtcNow < deadline)
        {
            CheckKubeletsAlive();
            var (pods, expected) = await api.OvnkPodsAsync(_topology.Nodes.Count, cancellationToken);
            var ready = pods.Count(LabApi.IsReady);
            if (expected > 0 && ready >= expected && pods.All(LabApi.IsReady))
            {
                return $"{ready} pods in {LabApi.OvnkNamespace}";
            }
            notReady = string.Join(", ", pods.Where(p => !LabApi.IsReady(p)).Select(p => $"{p.Metadata.Name} on {p.Spec.NodeName} ({p.Status?.Phase})"));
            await Task.Delay(250, cancellationToken);
        }
        throw new LabException("Ovnk pods Ready", $"not Ready after {_options.ReadyTimeout.TotalSeconds:0} s: {notReady}",
            "read the stuck container's log (below; `kubectl logs -n ovn-kubernetes POD -c CONTAINER` shows the same), fix the cause, then run `ovnk lab up` again",
            null, null, await StuckReportAsync(api, _topology.Nodes.Select(n => n.Name), cancellationToken));
    }

    private void CheckKubeletsAlive()
    {
        foreach (var node in _topology.Nodes)
        {
            var component = LabComponent.Kubelet(_paths, node.Name);
            if (PidFile.ReadAlive(component.PidFile) is null)
            {
                throw new LabException("kubelets", $"kubelet-lite of {node.Name} exited", "read its log, then run `ovnk lab up` again", component.LogFile);
            }
        }
    }
}
