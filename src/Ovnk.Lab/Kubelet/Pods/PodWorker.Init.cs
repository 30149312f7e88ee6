using k8s.Models;
using Ovnk.Lab.Kubelet.Containers;

namespace Ovnk.Lab.Kubelet.Pods;

/// <content>
/// Init containers: run one at a time, in order, each to completion, before any app container. A failed one is
/// restarted with back-off unless restartPolicy is Never (then the pod fails); a completed one never runs again.
/// </content>
public sealed partial class PodWorker
{
    private bool _initialized;

    /// <summary>True once every init container has completed; otherwise starts or waits for the next one.</summary>
    private async Task<bool> InitializeAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        if (_initialized) return true;
        foreach (var container in pod.Spec.InitContainers ?? [])
        {
            var record = Record(container.Name);
            if (record.Process is { HasExited: true } exited) RecordExit(record, exited);
            if (record.Process is not null) return false; // running
            if (record.Terminated is { ExitCode: 0 }) continue;
            if (record.Terminated is not null && !ShouldRestartInit(pod, record.Terminated)) return false; // the pod has failed
            if (DateTime.UtcNow < record.BackoffUntil)
            {
                record.Waiting = ("CrashLoopBackOff", $"back-off {record.Backoff.TotalSeconds:0}s restarting failed container={container.Name} pod={pod.Name()}_{pod.Namespace()}({pod.Metadata.Uid})");
                return false;
            }
            await StartContainerAsync(pod, container, record, cancellationToken);
            return false;
        }
        _initialized = true;
        return true;
    }

    /// <summary>Init containers restart on failure unless the pod's restartPolicy is Never (kubelet: Always acts as OnFailure).</summary>
    private static bool ShouldRestartInit(V1Pod pod, V1ContainerStateTerminated last) => pod.Spec.RestartPolicy != "Never" && last.ExitCode != 0;

    /// <summary>True when an init container failed for good (restartPolicy Never): the pod is Failed.</summary>
    private bool InitFailed(V1Pod pod) => (pod.Spec.InitContainers ?? []).Any(c =>
        _containers.TryGetValue(c.Name, out var r) && r.Process is null && r.Terminated is { ExitCode: not 0 } t && !ShouldRestartInit(pod, t));

    /// <summary>After a kubelet-lite restart: a pod that was initialized with this sandbox is not initialized again.</summary>
    private void AdoptInitialization(V1Pod pod, SandboxRecord? adopted)
    {
        if (adopted is null || pod.Spec.InitContainers is not { Count: > 0 }) return;
        if (pod.Status?.Conditions?.Any(c => c.Type == "Initialized" && c.Status == "True") != true) return;
        foreach (var status in pod.Status.InitContainerStatuses ?? [])
        {
            Record(status.Name).Terminated = status.State?.Terminated;
            Record(status.Name).HasRun = true;
        }
        _initialized = true;
    }

    /// <summary>A new sandbox means initializing again (kubelet re-runs init containers when the sandbox changes).</summary>
    private void ResetInitialization(V1Pod pod)
    {
        _initialized = false;
        foreach (var container in pod.Spec.InitContainers ?? [])
        {
            if (_containers.TryGetValue(container.Name, out var record)) record.Terminated = null;
        }
    }

    private static string FieldPath(V1Pod pod, V1Container container) =>
        (pod.Spec.InitContainers?.Contains(container) == true ? "spec.initContainers" : "spec.containers") + $"{{{container.Name}}}";
}
