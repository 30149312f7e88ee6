using Ovnk.Lab.Kubelet.Containers;
using Ovnk.Lab.Kubelet.Pods;
using Ovnk.Lab.Streaming;
using Ovnk.Linux.Processes;

namespace Ovnk.Lab.Kubelet.Streaming;

/// <summary>
/// kubelet-lite's side of exec, attach and logs (<see cref="IStreamingRuntime"/>): exec enters the running
/// container's namespaces (the pod's network and UTS namespaces, the container's own mount namespace) with its env
/// and working directory; attach follows the container's output and feeds its stdin (pipe or terminal); logs are
/// the container's log files.
/// </summary>
public sealed class KubeletStreamingRuntime(PodManager pods) : IStreamingRuntime
{
    /// <inheritdoc />
    public Task<IStreamProcess> ExecAsync(ContainerTarget target, IReadOnlyList<string> command, bool tty, bool stdin, CancellationToken cancellationToken)
    {
        var process = Running(target);
        var spec = process.Spec;
        var namespaces = new NamespacePaths(Network: spec.NetNs, Uts: spec.UtsNs, Mount: process.MountNs);
        return Task.FromResult<IStreamProcess>(SpawnedStreamProcess.Start(command, tty, stdin, namespaces, spec.Env, spec.WorkingDirectory));
    }

    /// <inheritdoc />
    public Task<IStreamProcess> AttachAsync(ContainerTarget target, CancellationToken cancellationToken)
    {
        var process = Running(target);
        // Output (a terminal's included) is in the container's log file: attach follows it from its end. Input goes
        // to the stdin pipe or terminal kubelet-lite holds (spec.stdin); a resize resizes the terminal (spec.tty).
        var output = new FollowingFileStream(process.Spec.LogPath, process.Exited);
        return Task.FromResult<IStreamProcess>(new HostAttachment(process.AttachStdin(), output, null, process.Pty, ExitCode(process)));
    }

    /// <inheritdoc />
    public Task<ContainerLog> GetLogAsync(ContainerTarget target, bool previous, CancellationToken cancellationToken)
    {
        var record = Find(target);
        if (previous)
        {
            return record.PreviousLogPath is { } old && File.Exists(old)
                ? Task.FromResult(new ContainerLog(old, Task.CompletedTask))
                : throw StreamingException.NoPrevious(target);
        }
        if (record.LogPath is not { } path || !File.Exists(path))
        {
            throw StreamingException.NotStarted(target);
        }
        var running = record.Process is { HasExited: false } p && p.Spec.LogPath == path ? p.Exited : Task.CompletedTask;
        return Task.FromResult(new ContainerLog(path, running));
    }

    private ContainerProcess Running(ContainerTarget target) =>
        Find(target).Process is { HasExited: false } process ? process : throw StreamingException.NotStarted(target);

    private ContainerRecord Find(ContainerTarget target)
    {
        var worker = pods.Workers.Values.FirstOrDefault(w => w.Namespace == target.Namespace && w.Name == target.Pod)
            ?? throw StreamingException.ContainerNotFound(target);
        return worker.Containers.TryGetValue(target.Container, out var record) ? record : throw StreamingException.ContainerNotFound(target);
    }

    private static async Task<int> ExitCode(ContainerProcess process)
    {
        await process.Exited.ConfigureAwait(false);
        return process.ExitCode;
    }
}
