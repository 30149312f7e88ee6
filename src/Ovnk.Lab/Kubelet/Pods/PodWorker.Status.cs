using System.Text.Json;
using k8s;
using k8s.Models;
using Ovnk.Lab.Kubelet.Containers;

namespace Ovnk.Lab.Kubelet.Pods;

/// <content>Status: phase, IPs, conditions, container states; posted as a merge patch when it changed.</content>
public sealed partial class PodWorker
{
    private string? _lastStatusJson;

    private async Task ReportStatusAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var status = BuildStatus(pod);
        var json = KubernetesJson.Serialize(status);
        if (json == _lastStatusJson) return;
        var patch = new V1Patch($"{{\"status\":{json}}}", V1Patch.PatchType.MergePatch);
        await _context.Client.CoreV1.PatchNamespacedPodStatusAsync(patch, pod.Name(), pod.Namespace(), cancellationToken: cancellationToken);
        _lastStatusJson = json;
        if (status.Phase == "Running") _context.Timings.Mark(Uid, PodStartStage.StatusPosted);
    }

    private V1PodStatus BuildStatus(V1Pod pod)
    {
        var hostIp = _context.HostIp();
        var podIps = pod.Spec.HostNetwork == true ? (hostIp is null ? [] : [hostIp]) : PodIps();
        var containers = pod.Spec.Containers.Select(c => ContainerStatus(c, Record(c.Name), init: false)).ToList();
        var inits = (pod.Spec.InitContainers ?? []).Select(c => ContainerStatus(c, Record(c.Name), init: true)).ToList();
        var initialized = _initialized || inits.Count == 0;
        var allReady = initialized && containers.All(c => c.Ready);
        var incomplete = inits.Where(c => c.State?.Terminated is not { ExitCode: 0 }).Select(c => c.Name).ToList();
        var sandboxReady = _sandbox is not null && _sandboxProblem is null;
        var started = pod.Status?.StartTime ?? DateTime.UtcNow;
        return new V1PodStatus
        {
            Phase = initialized ? Phase(pod, containers) : InitFailed(pod) ? "Failed" : "Pending",
            HostIP = hostIp,
            HostIPs = hostIp is null ? null : [new V1HostIP { Ip = hostIp }],
            PodIP = podIps.FirstOrDefault(),
            PodIPs = podIps.Count == 0 ? null : [.. podIps.Select(ip => new V1PodIP { Ip = ip })],
            StartTime = started,
            QosClass = "BestEffort",
            Conditions =
            [
                Condition(pod, "PodReadyToStartContainers", sandboxReady),
                Condition(pod, "Initialized", initialized, initialized ? null : "ContainersNotInitialized",
                    initialized ? null : $"containers with incomplete status: [{string.Join(' ', incomplete)}]"),
                Condition(pod, "Ready", allReady, allReady ? null : "ContainersNotReady", NotReadyMessage(containers)),
                Condition(pod, "ContainersReady", allReady, allReady ? null : "ContainersNotReady", NotReadyMessage(containers)),
                Condition(pod, "PodScheduled", true),
            ],
            ContainerStatuses = containers,
            InitContainerStatuses = inits.Count == 0 ? null : inits,
        };
    }

    private static string? NotReadyMessage(List<V1ContainerStatus> containers)
    {
        var notReady = containers.Where(c => !c.Ready).Select(c => c.Name).ToList();
        return notReady.Count == 0 ? null : $"containers with unready status: [{string.Join(' ', notReady)}]";
    }

    private static string Phase(V1Pod pod, List<V1ContainerStatus> containers)
    {
        if (containers.Any(c => c.State?.Running is not null)) return "Running";
        var terminated = containers.Where(c => c.State?.Terminated is not null).ToList();
        if (terminated.Count == containers.Count && containers.Count > 0)
            return terminated.All(c => c.State.Terminated.ExitCode == 0) ? "Succeeded" : "Failed";
        // Restarting containers of a pod that ran keep it Running, as kubelet does.
        return containers.Any(c => c.LastState?.Terminated is not null || c.RestartCount > 0) && pod.Spec.RestartPolicy != "Never" ? "Running" : "Pending";
    }

    private V1ContainerStatus ContainerStatus(V1Container container, ContainerRecord record, bool init)
    {
        var pod = Volatile.Read(ref _pod);
        var state = new V1ContainerState();
        V1ContainerState? last = null;
        if (record.Process is { HasExited: false } process)
        {
            state.Running = new V1ContainerStateRunning { StartedAt = process.StartedAt };
            if (record.Terminated is not null) last = new V1ContainerState { Terminated = record.Terminated };
        }
        else if (record.Terminated is { } terminated && (!(init ? ShouldRestartInit(pod, terminated) : ShouldRestart(pod, terminated)) || record.Waiting is null))
        {
            state.Terminated = terminated;
        }
        else
        {
            // Not started yet: kubelet says PodInitializing for init containers and for app containers of a pod whose
            // init containers have not all completed (kubectl then prints Init:N/M, or PodInitializing).
            var (reason, message) = record.Waiting ?? (init || !(_initialized || pod.Spec.InitContainers is not { Count: > 0 }) ? ("PodInitializing", null) : ("ContainerCreating", null));
            state.Waiting = new V1ContainerStateWaiting { Reason = reason, Message = message };
            if (record.Terminated is not null) last = new V1ContainerState { Terminated = record.Terminated };
        }
        return new V1ContainerStatus
        {
            Name = container.Name,
            Image = container.Image,
            ImageID = $"ovnk-lab://images/{ImageBehaviours.ShortName(container.Image ?? "")}",
            ContainerID = state.Running is not null ? record.ContainerId : state.Terminated?.ContainerID,
            Ready = state.Running is not null && record.Ready,
            Started = state.Running is not null,
            RestartCount = record.RestartCount,
            State = state,
            LastState = last ?? new V1ContainerState(),
        };
    }

    private static V1PodCondition Condition(V1Pod pod, string type, bool ok, string? reason = null, string? message = null)
    {
        var status = ok ? "True" : "False";
        var old = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == type);
        return new V1PodCondition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            LastTransitionTime = old is not null && old.Status == status ? old.LastTransitionTime : DateTime.UtcNow,
        };
    }
}
