using System.Text.Json.Nodes;
using Ovnk.Lab.Discovery;
using Ovnk.Lab.Http;
using Ovnk.Lab.Storage;
using Ovnk.Lab.Watch;

namespace Ovnk.Lab.Controllers;

/// <summary>
/// The lab's in-process controllers (scheduler, Deployment, ReplicaSet, DaemonSet), level-triggered: any change to
/// the resources they read marks the cluster dirty, and one owned loop reconciles everything (at most every 100 ms,
/// and every 2 s regardless, so a failed step is retried). Stopped and awaited on dispose.
/// </summary>
public sealed partial class ControllerManager : IAsyncDisposable
{
    private static readonly HashSet<string> Watched = ["pods", "nodes", "services", "namespaces", "apps/deployments", "apps/replicasets", "apps/daemonsets"];
    private readonly LabClient _client;
    private readonly WatchSubscription _subscription;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    internal ControllerManager(ResourceRegistry registry, ObjectStore store, WatchHub hub, ApiHandler handler)
    {
        _client = new LabClient(registry, store, handler);
        _subscription = hub.Subscribe(100_000, out _);
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _subscription.Dispose();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ReconcileAllAsync(cancellationToken);
            }
            catch (ApiException)
            {
                // Conflicts and races with users: the next pass starts from fresh state.
            }
            await WaitForChangeAsync(cancellationToken);
        }
    }

    private async Task WaitForChangeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            while (await _subscription.Reader.WaitToReadAsync(timeout.Token))
            {
                var relevant = false;
                while (_subscription.Reader.TryRead(out var e))
                {
                    relevant |= Watched.Contains(e.Resource);
                }
                if (relevant)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // periodic resync
        }
    }

    private async Task ReconcileAllAsync(CancellationToken cancellationToken)
    {
        await ReconcileDeploymentsAsync(cancellationToken);
        await ReconcileReplicaSetsAsync(cancellationToken);
        await ReconcileDaemonSetsAsync(cancellationToken);
        await ScheduleAsync(cancellationToken);
        await ReconcileEndpointsAsync(cancellationToken);
        await EnsureDefaultServiceAccountsAsync(cancellationToken);
        await CollectOrphanedPodsAsync(cancellationToken);
    }

    /// <summary>Every active namespace has a "default" ServiceAccount (the serviceaccounts controller's job upstream).</summary>
    private async Task EnsureDefaultServiceAccountsAsync(CancellationToken cancellationToken)
    {
        var saType = _client.Type("", "ServiceAccount");
        var accounts = (await _client.ListAsync(saType, cancellationToken)).Where(a => Objects.Meta.Name(a) == "default")
            .Select(Objects.Meta.Namespace).ToHashSet();
        foreach (var ns in await _client.ListAsync(_client.Type("", "Namespace"), cancellationToken))
        {
            var name = Objects.Meta.Name(ns);
            if (!accounts.Contains(name) && Objects.Meta.Get(ns, "deletionTimestamp") is null)
            {
                await _client.CreateAsync(saType, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "default", ["namespace"] = name } }, cancellationToken);
            }
        }
    }

    private static Dictionary<string, int> CountPerNode(IEnumerable<JsonObject> pods) =>
        pods.GroupBy(p => Objects.Meta.StringAt(p, "spec.nodeName") ?? "").ToDictionary(g => g.Key, g => g.Count());
}
