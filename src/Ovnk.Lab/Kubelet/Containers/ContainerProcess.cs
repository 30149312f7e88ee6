using System.Diagnostics;
using Ovnk.Linux.Processes;

namespace Ovnk.Lab.Kubelet.Containers;

/// <summary>A running container process (the pid is the container's main process: every step of the launch execs).</summary>
public sealed class ContainerProcess : IDisposable
{
    private readonly Process _process;

    internal ContainerProcess(Process process, ContainerLaunchSpec spec)
    {
        _process = process;
        Spec = spec;
        Pid = process.Id;
        StartedAt = DateTime.UtcNow;
        Exited = process.WaitForExitAsync();
    }

    public int Pid { get; }

    public ContainerLaunchSpec Spec { get; }

    public DateTime StartedAt { get; }

    /// <summary>Completes when the process has exited (and been reaped).</summary>
    public Task Exited { get; }

    public bool HasExited => Exited.IsCompleted;

    public int ExitCode => _process.ExitCode;

    /// <summary>The mount namespace of the running container (for exec), valid while it runs.</summary>
    public string MountNs => $"/proc/{Pid}/ns/mnt";

    /// <summary>
    /// Sends SIGTERM (or SIGKILL) to the container's process group (setsid made the main process its leader), so
    /// children of a shell die with it; false when nothing is left.
    /// </summary>
    public bool Signal(int signal) => SignalSender.SendToGroup(Pid, signal);

    /// <summary>SIGKILLs whatever the main process left behind in its group (a container's processes end with it).</summary>
    public void KillRemains() => SignalSender.SendToGroup(Pid, SignalSender.SigKill);

    public void Dispose() => _process.Dispose();
}
