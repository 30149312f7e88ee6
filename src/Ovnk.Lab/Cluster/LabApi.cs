using k8s;
using k8s.Models;

namespace Ovnk.Lab.Cluster;

/// <summary>The lab's view of its API server: readiness checks over KubernetesClient (as kubectl users see it).</summary>
public sealed class LabApi : IDisposable
{
    public const string OvnkNamespace = "ovn-kubernetes";

    private LabApi(Kubernetes client) => Client = client;

    public Kubernetes Client { get; }

    public static LabApi Open(string kubeconfig) =>
        new(new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig)));

    public void Dispose() => Client.Dispose();

    /// <summary>True when the server answers /version within a short bound.</summary>
    public async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            await Client.Version.GetCodeAsync(bound.Token);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or k8s.Autorest.HttpOperationException
            && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The nodes' Ready state by name (missing nodes are absent).</summary>
    public async Task<IReadOnlyDictionary<string, NodeState>> NodesAsync(CancellationToken cancellationToken)
    {
        var nodes = await Client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken);
        return nodes.Items.ToDictionary(n => n.Name(), NodeState.Of);
    }

    /// <summary>Pods of the Ovnk namespace with their readiness, and how many the workloads there want.</summary>
    public async Task<(IReadOnlyList<V1Pod> Pods, int Expected)> OvnkPodsAsync(int nodeCount, CancellationToken cancellationToken)
    {
        var pods = await Client.CoreV1.ListNamespacedPodAsync(OvnkNamespace, cancellationToken: cancellationToken);
        var daemonSets = await Client.AppsV1.ListNamespacedDaemonSetAsync(OvnkNamespace, cancellationToken: cancellationToken);
        var deployments = await Client.AppsV1.ListNamespacedDeploymentAsync(OvnkNamespace, cancellationToken: cancellationToken);
        // Ovnk's DaemonSets tolerate every taint, so each runs on every node.
        var expected = daemonSets.Items.Count * nodeCount + deployments.Items.Sum(d => d.Spec.Replicas ?? 1);
        return (pods.Items.Where(p => p.Metadata.DeletionTimestamp is null).ToList(), expected);
    }

    public static bool IsReady(V1Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
}

/// <summary>A node's Ready condition and InternalIP.</summary>
public sealed record NodeState(bool Ready, string? Message, string? InternalIp)
{
    public static NodeState Of(V1Node node)
    {
        var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        var ip = node.Status?.Addresses?.FirstOrDefault(a => a.Type == "InternalIP")?.Address;
        return new NodeState(ready?.Status == "True", ready?.Message, ip);
    }
}
