using k8s;
using k8s.Autorest;
using k8s.Models;
using Ovnk.Kube.Events;
using Ovnk.Linux.Processes;

namespace Ovnk.Lab.Kubelet.Pods;

/// <content>Termination: SIGTERM, SIGKILL after the grace period, sandbox teardown, final DELETE.</content>
public sealed partial class PodWorker
{
    private async Task TerminateAsync(V1Pod pod, bool deletedFromApi, CancellationToken cancellationToken)
    {
        var grace = TimeSpan.FromSeconds(pod.Metadata.DeletionGracePeriodSeconds ?? pod.Spec.TerminationGracePeriodSeconds ?? 30);
        var running = _containers.Values.Where(c => c.Process is { HasExited: false }).ToList();
        foreach (var record in running)
        {
            if (!deletedFromApi)
                await EventAsync(pod, EventSeverity.Normal, "Killing", $"Stopping container {record.Name}", cancellationToken, $"spec.containers{{{record.Name}}}");
            record.Process!.Signal(grace == TimeSpan.Zero ? SignalSender.SigKill : SignalSender.SigTerm);
        }
        var exits = Task.WhenAll(running.Select(r => r.Process!.Exited));
        if (await Task.WhenAny(exits, Task.Delay(grace, cancellationToken)) != exits)
        {
            foreach (var record in running) record.Process!.Signal(SignalSender.SigKill);
            await exits.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
        foreach (var record in _containers.Values)
        {
            record.Process?.KillRemains();
            record.Process?.Dispose();
            record.Process = null;
        }
        if (_sandbox is not null)
        {
            try
            {
                await _context.Sandboxes.DestroyAsync(_sandbox, cancellationToken);
            }
            catch (Cni.CniPluginException e)
            {
                // The namespaces are gone; the plugin's own state may not be — say so where `kubectl describe` shows it.
                await EventAsync(pod, EventSeverity.Warning, "FailedKillPod", $"error killing pod: failed to destroy network for sandbox: {e.Message}", cancellationToken);
            }
        }
        else if (Directory.Exists(_context.Paths.PodDirectory(Uid)))
        {
            Directory.Delete(_context.Paths.PodDirectory(Uid), recursive: true);
        }
        var logs = Path.Combine(_context.Paths.LogsDirectory, $"{pod.Namespace()}_{pod.Name()}_{Uid}");
        if (Directory.Exists(logs)) Directory.Delete(logs, recursive: true);
        if (!deletedFromApi) await FinishDeleteAsync(pod, cancellationToken);
    }

    /// <summary>The graceful delete's last step (kubelet's status manager): DELETE with grace 0, only this uid.</summary>
    private async Task FinishDeleteAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var options = new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = pod.Metadata.Uid } };
        // Bounded retries: the API server may be restarting (the informer re-delivers the pod after a relist anyway).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _context.Client.CoreV1.DeleteNamespacedPodAsync(pod.Name(), pod.Namespace(), options, cancellationToken: cancellationToken);
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Conflict)
            {
                return; // Already gone, or a new pod with the same name.
            }
            catch (Exception e) when (attempt < 10 && e is HttpOperationException or HttpRequestException or IOException)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
            }
        }
    }
}
