using System.Collections.Concurrent;
using Ovnk.Linux.Processes;

namespace Ovnk.Lab.Streaming;

/// <summary>
/// The reference <see cref="IStreamingRuntime"/>: "containers" are host processes (optionally inside given
/// namespaces), started by <see cref="StartContainer"/> with their logs in CRI format under
/// <c>{logDirectory}/{namespace}_{pod}/{container}/{restart}.log</c> like kubelet's /var/log/pods. Exec runs the
/// command on the host for any target (tests create pods in the API without a kubelet); attach and logs need a
/// started container. kubelet-lite implements the same interface over its pods' namespaces.
/// </summary>
public sealed class HostStreamingRuntime(string logDirectory, NamespacePaths? namespaces = null) : IStreamingRuntime, IAsyncDisposable
{
    private readonly ConcurrentDictionary<ContainerTarget, Instances> _containers = new();

    /// <summary>Starts (or restarts, keeping the last instance as "previous") a container's main process.</summary>
    public HostContainer StartContainer(ContainerTarget target, IReadOnlyList<string> command, bool tty = false, bool stdin = false, bool stdinOnce = false)
    {
        var instances = _containers.GetOrAdd(target, _ => new Instances());
        lock (instances)
        {
            if (instances.Current is { Running.IsCompleted: false })
            {
                throw new StreamingException(StreamingError.BadRequest, $"container {target} is running already");
            }
            var path = Path.Combine(logDirectory, $"{target.Namespace}_{target.Pod}", target.Container, $"{instances.Restarts}.log");
            var container = HostContainer.Start(command, path, tty, stdin, stdinOnce, namespaces);
            instances.Previous = instances.Current;
            instances.Current = container;
            instances.Restarts++;
            return container;
        }
    }

    /// <inheritdoc />
    public Task<IStreamProcess> ExecAsync(ContainerTarget target, IReadOnlyList<string> command, bool tty, bool stdin, CancellationToken cancellationToken)
    {
        if (command.Count == 0)
        {
            throw new StreamingException(StreamingError.BadRequest, "you must specify at least one command for the container");
        }
        return Task.FromResult<IStreamProcess>(SpawnedStreamProcess.Start(command, tty, stdin, namespaces));
    }

    /// <inheritdoc />
    public Task<IStreamProcess> AttachAsync(ContainerTarget target, CancellationToken cancellationToken)
    {
        var current = Current(target);
        return current.Running.IsCompleted
            ? throw new StreamingException(StreamingError.BadRequest, $"cannot attach to a container that is not running: {target} exited")
            : Task.FromResult(current.Attach());
    }

    /// <inheritdoc />
    public Task<ContainerLog> GetLogAsync(ContainerTarget target, bool previous, CancellationToken cancellationToken)
    {
        if (!_containers.TryGetValue(target, out var instances))
        {
            throw StreamingException.NotStarted(target);
        }
        lock (instances)
        {
            var container = previous ? instances.Previous ?? throw StreamingException.NoPrevious(target) : instances.Current!;
            return Task.FromResult(new ContainerLog(container.LogPath, container.Running));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var instances in _containers.Values)
        {
            foreach (var c in new[] { instances.Current, instances.Previous })
            {
                if (c is not null)
                {
                    await c.DisposeAsync();
                }
            }
        }
    }

    private HostContainer Current(ContainerTarget target) =>
        _containers.TryGetValue(target, out var instances) && instances.Current is { } c ? c : throw StreamingException.NotStarted(target);

    private sealed class Instances
    {
        public HostContainer? Current { get; set; }

        public HostContainer? Previous { get; set; }

        public int Restarts { get; set; }
    }
}
