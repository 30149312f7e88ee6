using k8s;
using k8s.Models;
using Ovnk.Lab.Kubelet.Containers;

namespace Ovnk.Lab.Kubelet.Pods;

/// <summary>
/// Runs one pod (kubelet's pod worker): an owned loop that wakes on a spec change, a container exit or a 1 s tick,
/// and syncs — sandbox (with back-off on CNI failure), volumes, containers (restartPolicy + back-off), probes —
/// then posts the status if it changed. On deletion it stops the containers (SIGTERM, SIGKILL after the grace
/// period), tears the sandbox down (CNI DEL) and, for a graceful delete, finishes it with DELETE gracePeriodSeconds=0.
/// </summary>
public sealed partial class PodWorker : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private readonly PodContext _context;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, ContainerRecord> _containers = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private V1Pod _pod;
    private bool _deletedFromApi;
    private SandboxRecord? _sandbox;
    private Dictionary<string, string>? _volumes;
    private Task<Dictionary<string, string>>? _volumesTask;
    private DateTime _sandboxRetryAt;
    private TimeSpan _sandboxBackoff;
    private string? _sandboxProblem;
    private Task? _pendingWake;
    private readonly List<(Ovnk.Kube.Events.EventSeverity Severity, string Reason, string Message, string FieldPath)> _deferredEvents = [];

    public PodWorker(PodContext context, V1Pod pod, SandboxRecord? adopted)
    {
        _context = context;
        _pod = pod;
        _sandbox = adopted;
        _sandboxBackoff = context.Options.SandboxBackoff;
        foreach (var status in (pod.Status?.ContainerStatuses ?? []).Concat(pod.Status?.InitContainerStatuses ?? []))
        {
            // Adopted after a restart of kubelet-lite: keep counting restarts where the API left off.
            Record(status.Name).RestartCount = status.RestartCount;
        }
        AdoptInitialization(pod, adopted);
        context.Timings.Mark(pod.Metadata.Uid, PodStartStage.Worker);
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    public string Uid => _pod.Metadata.Uid;

    /// <summary>The pod's namespace and name (what exec/attach/logs address).</summary>
    public string Namespace => _pod.Metadata.NamespaceProperty;

    /// <inheritdoc cref="Namespace"/>
    public string Name => _pod.Metadata.Name;

    /// <summary>Completes when the pod is torn down (after a deletion) or the worker is stopped.</summary>
    public Task Completion => _loop;

    /// <summary>The containers' runtime records (for the streaming runtime).</summary>
    public IReadOnlyDictionary<string, ContainerRecord> Containers => _containers;

    /// <summary>The sandbox (null until created).</summary>
    public SandboxRecord? Sandbox => _sandbox;

    /// <summary>A newer version of the pod arrived.</summary>
    public void Update(V1Pod pod)
    {
        Volatile.Write(ref _pod, pod);
        Wake();
    }

    /// <summary>The pod is gone from the API (an immediate delete).</summary>
    public void MarkDeleted(V1Pod lastKnown)
    {
        Volatile.Write(ref _pod, lastKnown);
        Volatile.Write(ref _deletedFromApi, true);
        Wake();
    }

    /// <summary>Stops the loop without touching the containers (kubelet-lite is shutting down; a restart adopts them).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopping is the point.
        }
        _stop.Dispose();
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken: coalesced.
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var pod = Volatile.Read(ref _pod);
            if (Volatile.Read(ref _deletedFromApi) || pod.Metadata.DeletionTimestamp is not null)
            {
                await TerminateAsync(pod, Volatile.Read(ref _deletedFromApi), cancellationToken);
                return;
            }
            try
            {
                await SyncAsync(pod, cancellationToken);
                await ReportStatusAsync(pod, cancellationToken);
                await FlushEventsAsync(pod, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException && IsTransient(e))
            {
                // The API server is restarting or the object changed: the next tick retries.
            }
#pragma warning disable CA1031 // One pod's unexpected failure must not end its worker: say so and retry next tick.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                await Console.Error.WriteLineAsync($"kubelet-lite: pod {pod.Namespace()}/{pod.Name()}: {e.GetType().Name}: {e.Message}");
            }
            await WaitAsync(cancellationToken);
        }
    }

    private async Task WaitAsync(CancellationToken cancellationToken)
    {
        var exits = _containers.Values.Select(c => c.Process).Where(p => p is { HasExited: false }).Select(p => p!.Exited);
        // One pending wait at a time: a second one would let a stale waiter swallow the next wake-up.
        _pendingWake = _pendingWake is { IsCompleted: false } ? _pendingWake : _wake.WaitAsync(cancellationToken);
        await Task.WhenAny([_pendingWake, Task.Delay(Tick, cancellationToken), .. exits]);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task FlushEventsAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        foreach (var (severity, reason, message, fieldPath) in _deferredEvents)
        {
            await EventAsync(pod, severity, reason, message, cancellationToken, fieldPath);
        }
        _deferredEvents.Clear();
    }

    private static bool IsTransient(Exception e) =>
        e is k8s.Autorest.HttpOperationException or HttpRequestException or IOException or PodSetupException;

    private ContainerRecord Record(string name)
    {
        if (!_containers.TryGetValue(name, out var record))
        {
            record = new ContainerRecord(name) { Backoff = _context.Options.RestartBackoff };
            _containers[name] = record;
        }
        return record;
    }
}
