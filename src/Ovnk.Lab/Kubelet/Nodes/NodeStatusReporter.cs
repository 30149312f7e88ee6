using k8s;
using k8s.Autorest;
using k8s.Models;
using Ovnk.Lab.Kubelet.Cni;

namespace Ovnk.Lab.Kubelet.Nodes;

/// <summary>
/// Registers the Node, renews its Lease and posts its status: on every heartbeat, and at once when the network's
/// readiness changes (checked every second, so a CNI config written by a hostNetwork pod turns the node Ready quickly).
/// </summary>
public sealed class NodeStatusReporter(IKubernetes client, KubeletOptions options, CniRuntime cni, Func<NodeFacts> facts)
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);
    private string? _lastProblem = "not checked";
    private DateTime _lastPost = DateTime.MinValue;

    /// <summary>The network problem at the last check (null = Ready); pods that need the network wait while it is set.</summary>
    public string? NetworkProblem => Volatile.Read(ref _lastProblem);

    /// <summary>Creates the Node or updates the labels and taints of an existing one.</summary>
    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var desired = NodeObjects.Node(options);
        try
        {
            await client.CoreV1.CreateNodeAsync(desired, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            var node = await client.CoreV1.ReadNodeAsync(options.NodeName, cancellationToken: cancellationToken);
            node.Metadata.Labels ??= new Dictionary<string, string>();
            foreach (var (key, value) in desired.Metadata.Labels) node.Metadata.Labels[key] = value;
            node.Metadata.Annotations ??= new Dictionary<string, string>();
            foreach (var (key, value) in desired.Metadata.Annotations) node.Metadata.Annotations[key] = value;
            node.Spec ??= new V1NodeSpec();
            if (options.ControlPlane && node.Spec.Taints?.Any(t => t.Key == NodeObjects.ControlPlaneRole) != true)
                node.Spec.Taints = [.. node.Spec.Taints ?? [], .. desired.Spec.Taints!];
            await client.CoreV1.ReplaceNodeAsync(node, options.NodeName, cancellationToken: cancellationToken);
        }
        await CheckAsync(force: true, cancellationToken);
    }

    /// <summary>The owned loop: network check every second, status + lease every heartbeat.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(CheckInterval, cancellationToken);
            try
            {
                await CheckAsync(force: false, cancellationToken);
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException or IOException)
            {
                // The API server restarts or is busy: the next round retries, as kubelet's status loop does.
                _lastPost = DateTime.MinValue;
            }
        }
    }

    private async Task CheckAsync(bool force, CancellationToken cancellationToken)
    {
        var problem = await cni.StatusAsync(cancellationToken);
        var changed = problem != Volatile.Read(ref _lastProblem);
        if (!force && !changed && DateTime.UtcNow - _lastPost < options.HeartbeatInterval) return;
        var node = await client.CoreV1.ReadNodeAsync(options.NodeName, cancellationToken: cancellationToken);
        var now = DateTime.UtcNow;
        await RenewLeaseAsync(node.Metadata.Uid, now, cancellationToken); // the heartbeat first: it is what node controllers read
        node.Status = NodeObjects.Status(options, facts(), problem, now, node.Status);
        await client.CoreV1.ReplaceNodeStatusAsync(node, options.NodeName, cancellationToken: cancellationToken);
        Volatile.Write(ref _lastProblem, problem);
        _lastPost = now;
    }

    private async Task RenewLeaseAsync(string nodeUid, DateTime now, CancellationToken cancellationToken)
    {
        try
        {
            var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(options.NodeName, "kube-node-lease", cancellationToken: cancellationToken);
            lease.Spec.RenewTime = now;
            lease.Spec.HolderIdentity = options.NodeName;
            await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, options.NodeName, "kube-node-lease", cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            await client.CoordinationV1.CreateNamespacedLeaseAsync(NodeObjects.Lease(options.NodeName, nodeUid, now), "kube-node-lease", cancellationToken: cancellationToken);
        }
    }
}
