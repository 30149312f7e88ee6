using k8s.Models;
using Ovnk.Kube.Events;
using Ovnk.Lab.Kubelet.Containers;
using Ovnk.Linux.Processes;

namespace Ovnk.Lab.Kubelet.Pods;

/// <content>Readiness and liveness probes (httpGet, tcpSocket, exec) with kubelet's thresholds and periods.</content>
public sealed partial class PodWorker
{
    private async Task ProbeAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        foreach (var container in pod.Spec.Containers)
        {
            var record = Record(container.Name);
            if (record.Process is not { HasExited: false } process) continue;
            var now = DateTime.UtcNow;
            if (container.ReadinessProbe is { } readiness && now >= record.NextReadinessProbe)
            {
                record.NextReadinessProbe = now.AddSeconds(readiness.PeriodSeconds ?? 10);
                var (ok, _) = await ProbeRunner.RunAsync(readiness, ProbeTarget(process), cancellationToken);
                if (ok) { record.ReadinessSuccesses++; record.ReadinessFailures = 0; }
                else { record.ReadinessFailures++; record.ReadinessSuccesses = 0; }
                if (record.ReadinessSuccesses >= (readiness.SuccessThreshold ?? 1)) record.Ready = true;
                if (record.ReadinessFailures >= (readiness.FailureThreshold ?? 3)) record.Ready = false;
            }
            if (container.LivenessProbe is { } liveness && now >= record.NextLivenessProbe)
            {
                record.NextLivenessProbe = now.AddSeconds(liveness.PeriodSeconds ?? 10);
                var (ok, detail) = await ProbeRunner.RunAsync(liveness, ProbeTarget(process), cancellationToken);
                record.LivenessFailures = ok ? 0 : record.LivenessFailures + 1;
                if (!ok) await EventAsync(pod, EventSeverity.Warning, "Unhealthy", $"Liveness probe failed: {detail}", cancellationToken, $"spec.containers{{{container.Name}}}");
                if (record.LivenessFailures >= (liveness.FailureThreshold ?? 3))
                {
                    record.KilledByLiveness = true;
                    await EventAsync(pod, EventSeverity.Normal, "Killing", $"Container {container.Name} failed liveness probe, will be restarted", cancellationToken, $"spec.containers{{{container.Name}}}");
                    process.Signal(SignalSender.SigKill);
                    // A liveness restart is not a crash loop: restart at once (kubelet restarts it on the next sync).
                    record.Backoff = _context.Options.RestartBackoff;
                }
            }
        }
    }

    private ProbeTarget ProbeTarget(ContainerProcess process) =>
        new(process.Spec.NetNs, PodIps().FirstOrDefault() ?? "127.0.0.1", process.Pid);
}
