using k8s.Models;

namespace Ovnk.Lab.Kubelet.Containers;

/// <summary>
/// One container's runtime state in a pod worker: the process, restart bookkeeping, probe results, and the paths
/// the streaming runtime needs (namespaces via <see cref="Process"/>'s launch spec, log files).
/// </summary>
public sealed class ContainerRecord(string name)
{
    public string Name { get; } = name;

    /// <summary>The current process (null while waiting or terminated).</summary>
    public ContainerProcess? Process { get; set; }

    /// <summary>Container id as status shows it (<c>ovnk-lab://…</c>), one per start.</summary>
    public string? ContainerId { get; set; }

    public int RestartCount { get; set; }

    /// <summary>True once a start was attempted (so a later start is a restart).</summary>
    public bool HasRun { get; set; }

    /// <summary>The last termination (state when not restarting, lastState after a restart).</summary>
    public V1ContainerStateTerminated? Terminated { get; set; }

    /// <summary>Why it is not running yet (ContainerCreating, CrashLoopBackOff, ErrImagePull …).</summary>
    public (string Reason, string? Message)? Waiting { get; set; }

    public DateTime BackoffUntil { get; set; }

    public TimeSpan Backoff { get; set; }

    public bool Ready { get; set; }

    /// <summary>Consecutive probe results (readiness, liveness).</summary>
    public int ReadinessSuccesses { get; set; }

    public int ReadinessFailures { get; set; }

    public int LivenessFailures { get; set; }

    public DateTime NextReadinessProbe { get; set; }

    public DateTime NextLivenessProbe { get; set; }

    /// <summary>Set when the liveness probe killed it (the exit is then reported as such).</summary>
    public bool KilledByLiveness { get; set; }

    /// <summary>The log file of the current (or last) run.</summary>
    public string? LogPath { get; set; }

    /// <summary>The log file of the run before (what `kubectl logs --previous` reads).</summary>
    public string? PreviousLogPath { get; set; }
}
