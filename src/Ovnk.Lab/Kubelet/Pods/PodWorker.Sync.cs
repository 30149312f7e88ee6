using k8s.Models;
using Ovnk.Kube.Events;
using Ovnk.Lab.Kubelet.Cni;
using Ovnk.Lab.Kubelet.Containers;

namespace Ovnk.Lab.Kubelet.Pods;

/// <content>Sync: sandbox with back-off, volumes, then each container.</content>
public sealed partial class PodWorker
{
    private async Task SyncAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        // Volumes (API reads, a TokenRequest, file writes) do not need the sandbox: prepared while a first sandbox's CNI
        // ADD runs (not while one is rebuilt: its teardown removes the pod directory).
        if (_volumes is null && _volumesTask is null && _sandbox is null && DateTime.UtcNow >= _sandboxRetryAt
            && (pod.Spec.HostNetwork == true || _context.NetworkProblem() is null))
            _volumesTask = _context.Volumes.PrepareAsync(pod, _context.Paths.PodDirectory(pod.Metadata.Uid), cancellationToken);
        if (!await EnsureSandboxAsync(pod, cancellationToken))
        {
            // A failed sandbox is torn down with its pod directory: the volumes are prepared again with the next one.
            await DiscardVolumesAsync();
            return;
        }
        if (_volumes is null)
        {
            try
            {
                var task = _volumesTask ?? _context.Volumes.PrepareAsync(pod, _context.Paths.PodDirectory(pod.Metadata.Uid), cancellationToken);
                _volumesTask = null;
                _volumes = await task;
                _context.Timings.Mark(Uid, PodStartStage.Volumes);
            }
            catch (PodSetupException e)
            {
                await EventAsync(pod, EventSeverity.Warning, e.Reason, e.Message, cancellationToken);
                throw;
            }
        }
        if (await InitializeAsync(pod, cancellationToken))
        {
            foreach (var container in pod.Spec.Containers)
            {
                await SyncContainerAsync(pod, container, cancellationToken);
            }
        }
        await ProbeAsync(pod, cancellationToken);
        foreach (var record in _containers.Values.Where(r => r.Process is { HasExited: false } && r.LogPath is not null))
        {
            LogRotation.RotateIfLarge(record.LogPath!, _context.Options.LogMaxBytes);
        }
    }

    /// <summary>True when the sandbox is ready; otherwise schedules a retry with back-off (kubelet: FailedCreatePodSandBox).</summary>
    private async Task<bool> EnsureSandboxAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var sandboxes = _context.Sandboxes;
        if (_sandbox is not null && sandboxes.IsIntact(_sandbox)) return true;
        if (DateTime.UtcNow < _sandboxRetryAt) return false;
        if (pod.Spec.HostNetwork != true && _context.NetworkProblem() is { } problem)
        {
            // kubelet does not start non-hostNetwork pods while the network plugin is not ready.
            _sandboxProblem = $"network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:{problem}";
            return false;
        }
        try
        {
            if (_sandbox is not null)
            {
                // Half-created before a crash (no cached result, or a namespace gone): undo, then start again. Containers
                // still running are in the old network namespace, which the new one (same name) would not be: kubelet's
                // SandboxChanged, they are killed and started again in the new sandbox.
                await KillContainersForNewSandboxAsync(pod, cancellationToken);
                ResetInitialization(pod);
                try
                {
                    await sandboxes.DestroyAsync(_sandbox, cancellationToken);
                }
                catch (CniPluginException)
                {
                    // Its namespaces are gone; a plugin that cannot DEL its own half-made attachment is not a reason to stop.
                }
                _sandbox = null;
                _volumes = null; // they lived in the pod directory the teardown removed
            }
            _sandbox = await sandboxes.CreateAsync(pod, cancellationToken);
            _sandboxBackoff = _context.Options.SandboxBackoff;
            _sandboxProblem = null;
            return true;
        }
        catch (Exception e) when (e is CniPluginException or CniConfigException or Ovnk.Linux.LinuxException)
        {
            _sandboxProblem = e.Message;
            _sandboxRetryAt = DateTime.UtcNow + _sandboxBackoff;
            _sandboxBackoff = Min(_sandboxBackoff * 2, _context.Options.MaxRestartBackoff);
            var message = e is CniPluginException
                ? $"Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox: {e.Message}"
                : $"Failed to create pod sandbox: {e.Message}";
            await EventAsync(pod, EventSeverity.Warning, "FailedCreatePodSandBox", message, cancellationToken);
            return false;
        }
    }

    private async Task DiscardVolumesAsync()
    {
        if (_volumesTask is not { } task) return;
        _volumesTask = null;
        try
        {
            await task;
        }
#pragma warning disable CA1031 // Its failure (the directory removed under it, a missing ConfigMap) shows again on the next attempt.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
        }
    }

    private async Task KillContainersForNewSandboxAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var running = _containers.Values.Where(c => c.Process is { HasExited: false }).ToList();
        if (running.Count == 0) return;
        await EventAsync(pod, EventSeverity.Normal, "SandboxChanged", "Pod sandbox changed, it will be killed and re-created.", cancellationToken);
        foreach (var record in running) record.Process!.Signal(Ovnk.Linux.Processes.SignalSender.SigKill);
        await Task.WhenAll(running.Select(r => r.Process!.Exited)).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        foreach (var record in running)
        {
            RecordExit(record, record.Process!);
            record.BackoffUntil = DateTime.UtcNow; // not a crash: start again as soon as the sandbox is back
        }
    }

    private Task EventAsync(V1Pod pod, EventSeverity severity, string reason, string message, CancellationToken cancellationToken, string? fieldPath = null)
    {
        var involved = new V1ObjectReference
        {
            Kind = "Pod", ApiVersion = "v1", Name = pod.Name(), NamespaceProperty = pod.Namespace(), Uid = pod.Metadata.Uid, FieldPath = fieldPath,
        };
        return _context.Events.RecordAsync(involved, severity, reason, message, cancellationToken);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
