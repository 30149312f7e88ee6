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
        var stuck = _topology.Nodes.First(n => !nodes.TryGetValue(n.Name, out var s) || !s.Ready);
        var why = nodes.TryGetValue(stuck.Name, out var state) ? state.Message ?? "NotReady" : "never registered";
        throw new LabException("nodes Ready", $"node {stuck.Name} is not Ready after {_options.ReadyTimeout.TotalSeconds:0} s: {why}",
            _options.Cni == LabCni.Ovnk
                ? "check the Ovnk pods (`kubectl get pods -n ovn-kubernetes -o wide`, `kubectl logs -n ovn-kubernetes POD -c ovnkube-node`) and the kubelet log"
                : "read the kubelet log; the node's /etc/cni/net.d must hold a config whose plugins are in its /opt/cni/bin",
            LabComponent.Kubelet(_paths, stuck.Name).LogFile);
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
            "look at `kubectl describe pod -n ovn-kubernetes POD` and `kubectl logs -n ovn-kubernetes POD -c CONTAINER`; container logs are under STATE/nodes/NODE/logs");
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
