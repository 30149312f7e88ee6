using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Ovnk.Kube.Informers;

/// <summary>
/// List, then watch from the list's resourceVersion with bookmarks; re-watch from the last seen resourceVersion when
/// a stream ends, times out or breaks; relist (replacing the store) on 410 Gone or any ERROR event. This is what
/// KubernetesClient lacks (code-style-anchors §6: its watcher neither resumes nor relists).
/// </summary>
internal sealed partial class Reflector<T, TList>
    where T : class, IKubernetesObject<V1ObjectMeta>
    where TList : IItems<T>, IKubernetesObject<V1ListMeta>
{
    private readonly ResourceAdapter<T, TList> _adapter;
    private readonly Informer<T, TList> _informer;
    private readonly ReflectorOptions _options;
    private readonly ILogger _logger;

    public Reflector(ResourceAdapter<T, TList> adapter, Informer<T, TList> informer, ReflectorOptions options, ILogger logger)
    {
        _adapter = adapter;
        _informer = informer;
        _options = options;
        _logger = logger;
    }

    /// <summary>How many watch requests were made (for tests).</summary>
    public int WatchCount { get; private set; }

    /// <summary>Runs until cancelled; every failure is retried with capped exponential backoff.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = _options.InitialBackoff;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var rv = await ListAsync(cancellationToken).ConfigureAwait(false);
                backoff = _options.InitialBackoff;
                await WatchUntilRelistAsync(rv, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Any list failure (network, server error, bad JSON) is retried; the loop must live.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogListFailed(e, _adapter.Resource, backoff);
                await Task.Delay(Jitter(backoff), cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
            }
        }
    }

    private async Task<string?> ListAsync(CancellationToken cancellationToken)
    {
        using var response = await _adapter.ListAsync(cancellationToken).ConfigureAwait(false);
        _informer.Replace(response.Body.Items ?? []);
        LogListed(_adapter.Resource, response.Body.Items?.Count ?? 0, response.Body.Metadata?.ResourceVersion);
        return response.Body.Metadata?.ResourceVersion;
    }

    /// <summary>Watches from <paramref name="rv"/>, reconnecting from the last seen version, until a relist is needed.</summary>
    private async Task WatchUntilRelistAsync(string? rv, CancellationToken cancellationToken)
    {
        var backoff = _options.InitialBackoff;
        while (true)
        {
            var outcome = await WatchOnceAsync(rv, cancellationToken).ConfigureAwait(false);
            rv = outcome.ResourceVersion;
            if (outcome.Relist) return;
            if (outcome.Failure is null)
            {
                backoff = _options.InitialBackoff;
                continue;
            }
            LogWatchBroke(outcome.Failure, _adapter.Resource, rv);
            await Task.Delay(Jitter(backoff), cancellationToken).ConfigureAwait(false);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
        }
    }

    private async Task<WatchOutcome> WatchOnceAsync(string? rv, CancellationToken cancellationToken)
    {
        WatchCount++;
        var timeout = _options.MinWatchTimeoutSeconds + Random.Shared.Next(_options.MinWatchTimeoutSeconds + 1);
        KubernetesException? status = null;
        Exception? failure = null;
        try
        {
            var request = new WatchRequest(rv, timeout, e => { if (e is KubernetesException k) status = k; else failure = e; });
            await foreach (var (type, obj) in _adapter.WatchAsync(request, cancellationToken).ConfigureAwait(false))
            {
                if (type == WatchEventType.Bookmark) rv = obj.Metadata?.ResourceVersion ?? rv;
                else if (type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted)
                {
                    // A watch delivers events in resourceVersion order: one at or below our position is a replay (it
                    // would resurrect a deleted object if applied), so only newer events reach the store.
                    if (ResourceVersions.IsNotNewer(obj.Metadata?.ResourceVersion, rv)) _informer.CountDuplicate();
                    else _informer.Apply(type, obj);
                    rv = Newest(obj.Metadata?.ResourceVersion, rv);
                }
                if (status is not null) break;
            }
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.Gone)
        {
            return new WatchOutcome(rv, true, e);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failure = e;
        }
        if (status is not null) LogWatchStatus(_adapter.Resource, status.Status?.Code, status.Status?.Message);
        return new WatchOutcome(rv, status is not null, failure);
    }

    private static string? Newest(string? incoming, string? current) =>
        ResourceVersions.IsNotNewer(incoming, current) ? current : incoming ?? current;

    private static TimeSpan Jitter(TimeSpan delay) => delay + TimeSpan.FromTicks((long)(delay.Ticks * Random.Shared.NextDouble() * 0.5));

    private sealed record WatchOutcome(string? ResourceVersion, bool Relist, Exception? Failure);
}
