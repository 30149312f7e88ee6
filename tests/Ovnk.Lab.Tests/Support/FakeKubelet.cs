using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Ovnk.Lab.Tests.Support;

/// <summary>
/// Stands in for kubelet-lite (a later issue): registers nodes and marks every pod bound to one of them Running and
/// Ready, through the API like a kubelet would. Its loop is owned and awaited on dispose.
/// </summary>
public sealed class FakeKubelet : IAsyncDisposable
{
    private readonly Kubernetes _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly HashSet<string> _nodes;

    private FakeKubelet(Kubernetes client, IEnumerable<string> nodes)
    {
        _client = client;
        _nodes = [.. nodes];
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Registers <paramref name="workers"/> (Ready) and a tainted control-plane node, then starts the loop.</summary>
    public static async Task<FakeKubelet> StartAsync(Kubernetes client, string controlPlane, string[] workers, CancellationToken cancellationToken)
    {
        await RegisterAsync(client, controlPlane, new V1Taint { Key = "node-role.kubernetes.io/control-plane", Effect = "NoSchedule" }, cancellationToken);
        foreach (var worker in workers)
        {
            await RegisterAsync(client, worker, null, cancellationToken);
        }
        return new FakeKubelet(client, workers.Append(controlPlane));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
        _stop.Dispose();
    }

    private static async Task RegisterAsync(Kubernetes client, string name, V1Taint? taint, CancellationToken cancellationToken)
    {
        await client.CoreV1.CreateNodeAsync(new V1Node
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = name } },
            Spec = new V1NodeSpec { Taints = taint is null ? null : [taint] },
        }, cancellationToken: cancellationToken);
        var node = await client.CoreV1.ReadNodeAsync(name, cancellationToken: cancellationToken);
        node.Status = new V1NodeStatus { Conditions = [new V1NodeCondition { Type = "Ready", Status = "True" }] };
        await client.CoreV1.ReplaceNodeStatusAsync(node, name, cancellationToken: cancellationToken);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var ip = 10;
        while (!cancellationToken.IsCancellationRequested)
        {
            var pods = await _client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: cancellationToken);
            foreach (var pod in pods.Items.Where(p => p.Spec.NodeName is { } n && _nodes.Contains(n) && p.Metadata.DeletionTimestamp is not null))
            {
                await FinishAsync(pod, cancellationToken);
            }
            foreach (var pod in pods.Items.Where(p => p.Spec.NodeName is { } n && _nodes.Contains(n) && p.Status?.Phase != "Running" && p.Metadata.DeletionTimestamp is null))
            {
                pod.Status ??= new V1PodStatus();
                pod.Status.Phase = "Running";
                pod.Status.PodIP = $"10.244.0.{ip++ % 250}";
                pod.Status.Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }, new V1PodCondition { Type = "PodScheduled", Status = "True" }];
                pod.Status.ContainerStatuses = [.. pod.Spec.Containers.Select(c => new V1ContainerStatus { Name = c.Name, Image = c.Image, ImageID = "", Ready = true, RestartCount = 0 })];
                try
                {
                    await _client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, pod.Name(), pod.Namespace(), cancellationToken: cancellationToken);
                }
                catch (HttpOperationException)
                {
                    // Changed or deleted meanwhile (a controller or a test): the next round sees the new state.
                }
            }
            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>What a kubelet does once a pod's containers have stopped: delete it for good (grace 0, same uid).</summary>
    private async Task FinishAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        try
        {
            await _client.CoreV1.DeleteNamespacedPodAsync(pod.Name(), pod.Namespace(),
                new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = pod.Uid() } },
                cancellationToken: cancellationToken);
        }
        catch (HttpOperationException)
        {
            // Already gone, or replaced by a new pod of the same name (the uid precondition protects it).
        }
    }
}
