namespace Ovnk.Lab.Streaming;

/// <summary>
/// A container's log file, in the CRI format kubelet and containerd write (<see cref="CriLogLine"/>), and a task
/// that completes when the container writing it stops (already completed for a terminated container), which is
/// where `kubectl logs -f` ends.
/// </summary>
public sealed record ContainerLog(string Path, Task Running);
