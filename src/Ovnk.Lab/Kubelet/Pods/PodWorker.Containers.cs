using k8s.Models;
using Ovnk.Kube.Events;
using Ovnk.Lab.Kubelet.Containers;

namespace Ovnk.Lab.Kubelet.Pods;

/// <content>Containers: exits, restartPolicy with back-off, starts.</content>
public sealed partial class PodWorker
{
    private async Task SyncContainerAsync(V1Pod pod, V1Container container, CancellationToken cancellationToken)
    {
        var record = Record(container.Name);
        if (record.Process is { HasExited: true } exited)
        {
            RecordExit(record, exited);
        }
        if (record.Process is not null) return;
        if (record.Terminated is { } last && !ShouldRestart(pod, last)) return;
        var now = DateTime.UtcNow;
        if (now < record.BackoffUntil)
        {
            record.Waiting = ("CrashLoopBackOff", $"back-off {record.Backoff.TotalSeconds:0}s restarting failed container={container.Name} pod={pod.Name()}_{pod.Namespace()}({pod.Metadata.Uid})");
            return;
        }
        await StartContainerAsync(pod, container, record, cancellationToken);
    }

    private static bool ShouldRestart(V1Pod pod, V1ContainerStateTerminated last) => pod.Spec.RestartPolicy switch
    {
        "Never" => false,
        "OnFailure" => last.ExitCode != 0,
        _ => true,
    };

    private void RecordExit(ContainerRecord record, ContainerProcess process)
    {
        var now = DateTime.UtcNow;
        var code = process.ExitCode;
        record.Terminated = new V1ContainerStateTerminated
        {
            ExitCode = code,
            Reason = code == 0 ? "Completed" : "Error",
            StartedAt = process.StartedAt,
            FinishedAt = now,
            ContainerID = record.ContainerId,
        };
        process.KillRemains();
        process.Dispose();
        record.Process = null;
        record.Ready = false;
        record.KilledByLiveness = false;
        // kubelet's CrashLoopBackOff: the delay doubles per restart, capped; a run longer than 10 minutes resets it.
        if (now - process.StartedAt > TimeSpan.FromMinutes(10)) record.Backoff = _context.Options.RestartBackoff;
        record.BackoffUntil = now + record.Backoff;
        record.Backoff = Min(record.Backoff * 2, _context.Options.MaxRestartBackoff);
        DeletePidFile(record);
    }

    private async Task StartContainerAsync(V1Pod pod, V1Container container, ContainerRecord record, CancellationToken cancellationToken)
    {
        var fieldPath = FieldPath(pod, container);
        var image = ImageBehaviours.Resolve(container, _context.OvnkBinary);
        if (!image.Ok)
        {
            record.Waiting = (image.Reason!, image.Message);
            record.BackoffUntil = DateTime.UtcNow + record.Backoff;
            record.Backoff = Min(record.Backoff * 2, _context.Options.MaxRestartBackoff);
            await EventAsync(pod, EventSeverity.Warning, image.Reason == "ErrImagePull" ? "Failed" : image.Reason!, image.Message!, cancellationToken, fieldPath);
            return;
        }
        var podIp = PodIps().FirstOrDefault();
        var hostIp = _context.HostIp();
        var env = await _context.Env.ResolveAsync(pod, container, podIp ?? (pod.Spec.HostNetwork == true ? hostIp : null), hostIp, cancellationToken);
        // kubelet expands $(VAR) in command and args from the container's environment (e.g. --nb=$(OVN_NB)).
        IReadOnlyList<string> argv = [.. image.Argv!.Select(a => EnvResolver.Expand(a, env))];
        env[LeftoverProcesses.TagVariable] = _context.LaunchTag; // found and killed by a restart after a crash, whatever stage it reached
        if (ExecutableLookup.Find(argv[0], env.GetValueOrDefault("PATH") ?? "") is null)
        {
            await StartFailedAsync(pod, record, fieldPath,
                $"failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \"{argv[0]}\": executable file not found in $PATH: unknown",
                cancellationToken);
            return;
        }
        if (record.HasRun) record.RestartCount++;
        record.HasRun = true;
        var logDir = _context.Paths.ContainerLogDirectory(pod.Namespace(), pod.Name(), pod.Metadata.Uid, container.Name);
        Directory.CreateDirectory(logDir);
        record.PreviousLogPath = record.LogPath;
        record.LogPath = Path.Combine(logDir, $"{record.RestartCount}.log");
        var spec = new ContainerLaunchSpec(argv, env, container.WorkingDir, NetNsOf(), UtsNsOf(), _context.Sandboxes.Node.MountNs,
            VolumeBuilder.MountsFor(container, _volumes!), record.LogPath,
            Stdin: container.Stdin == true, StdinOnce: container.StdinOnce == true, Tty: container.Tty == true);
        record.ContainerId = "ovnk-lab://" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        _context.Timings.Mark(Uid, PodStartStage.Launching);
        record.Process = ContainerLauncher.Start(spec);
        _context.Timings.Mark(Uid, PodStartStage.Spawned);
        record.Waiting = null;
        record.ReadinessSuccesses = record.ReadinessFailures = record.LivenessFailures = 0;
        record.NextReadinessProbe = DateTime.UtcNow.AddSeconds(container.ReadinessProbe?.InitialDelaySeconds ?? 0);
        record.NextLivenessProbe = DateTime.UtcNow.AddSeconds(container.LivenessProbe?.InitialDelaySeconds ?? 0);
        record.Ready = container.ReadinessProbe is null;
        WritePidFile(record);
        // Posted after the status: under load each API write costs, and the status is what users (and the benchmark) wait for.
        _deferredEvents.Add((EventSeverity.Normal, "Started", $"Started container {container.Name}", fieldPath));
    }

    /// <summary>The process could not be started at all: terminated with StartError (exit 128), then back-off.</summary>
    private async Task StartFailedAsync(V1Pod pod, ContainerRecord record, string fieldPath, string message, CancellationToken cancellationToken)
    {
        if (record.HasRun) record.RestartCount++;
        record.HasRun = true;
        var now = DateTime.UtcNow;
        record.Terminated = new V1ContainerStateTerminated { ExitCode = 128, Reason = "StartError", Message = message, StartedAt = now, FinishedAt = now };
        record.Waiting = ("RunContainerError", message);
        record.BackoffUntil = now + record.Backoff;
        record.Backoff = Min(record.Backoff * 2, _context.Options.MaxRestartBackoff);
        await EventAsync(pod, EventSeverity.Warning, "Failed", $"Error: {message}", cancellationToken, fieldPath);
    }

    private IReadOnlyList<string> PodIps() => _sandbox is null ? [] : _context.Sandboxes.PodIps(_sandbox);

    private string NetNsOf() => _sandbox?.NetNsPath ?? _context.Sandboxes.Node.NetNs;

    private string UtsNsOf() => _sandbox?.UtsNs ?? _context.Sandboxes.Node.UtsNs;

    private string PidFile(ContainerRecord record) => Path.Combine(_context.Paths.PodDirectory(Uid), "containers", record.Name + ".pid");

    private void WritePidFile(ContainerRecord record)
    {
        var file = PidFile(record);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, LeftoverProcesses.Identify(record.Process!.Pid));
    }

    private void DeletePidFile(ContainerRecord record) => File.Delete(PidFile(record));
}
