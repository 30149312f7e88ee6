using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ovnk.Lab.Objects;
using Ovnk.Lab.Selectors;
using Ovnk.Lab.Storage;
using Ovnk.Lab.Tables;
using Ovnk.Lab.Watch;

namespace Ovnk.Lab.Http;

/// <summary>
/// GET ?watch=true: a stream of JSON watch events. Without a resourceVersion (or "0") the current objects come
/// first as ADDED (a consistent snapshot); with one, the logged events after it are replayed, then live events
/// follow. A compacted resourceVersion gets an ERROR event carrying 410 Expired, as kube-apiserver sends it.
/// </summary>
public sealed partial class ApiHandler
{
    private const int WatchQueueCapacity = 20_000;

    private async Task WatchAsync(HttpContext context, ResourcePath path)
    {
        var query = context.Request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"]);
        var filter = new WatchFilter(path.Type.StorageKey, path.Namespace, path.Name, labels, fields);
        var timeout = int.TryParse(query["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t > 0 ? t : 1800;
        // Watches also end when the server stops: Kestrel's graceful shutdown would otherwise wait its full timeout
        // for streams whose clients keep the connection open (the real apiserver closes watches on shutdown too).
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        deadline.CancelAfter(TimeSpan.FromSeconds(timeout));
        var writer = new WatchWriter(context, path.Type, Responses.WantsTable(context), IncludeObject(context), clock);
        var rvText = query["resourceVersion"].ToString();
        var (subscription, initial) = await StartWatchAsync(path, filter, rvText, context.RequestAborted);
        using (subscription)
        {
            await writer.StartAsync();
            if (subscription is null)
            {
                await writer.WriteErrorAsync(Errors.Gone(long.Parse(rvText, CultureInfo.InvariantCulture), store.CompactedRevision));
                return;
            }
            foreach (var e in initial)
            {
                if (filter.Translate(e) is var (type, obj))
                {
                    await writer.WriteEventAsync(type, obj);
                }
            }
            if (query["sendInitialEvents"] == "true")
            {
                await writer.WriteBookmarkAsync(hub.LastRevision, initialEventsEnd: true);
            }
            await writer.FlushAsync();
            await PumpAsync(writer, subscription, filter, query["allowWatchBookmarks"] == "true", deadline.Token);
        }
    }

    private async Task<(WatchSubscription? Subscription, List<StoredEvent> Initial)> StartWatchAsync(
        ResourcePath path, WatchFilter filter, string rvText, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(rvText) || rvText == "0")
        {
            return await store.WithWritesPausedAsync(async () =>
            {
                var subscription = hub.Subscribe(WatchQueueCapacity, out var start);
                var (items, _) = await store.ListAsync(path.Type.StorageKey, path.Namespace, null, cancellationToken);
                var initial = items.Where(filter.Matches)
                    .Select(i => new StoredEvent(start, "ADDED", filter.Resource, Meta.Namespace(i), Meta.Name(i), i)).ToList();
                return ((WatchSubscription?)subscription, initial);
            }, cancellationToken);
        }
        if (!long.TryParse(rvText, NumberStyles.None, CultureInfo.InvariantCulture, out var from))
        {
            throw Errors.BadRequest($"invalid resourceVersion \"{rvText}\": it must be a number from a previous response");
        }
        var sub = hub.Subscribe(WatchQueueCapacity, out var upTo);
        if (from < store.CompactedRevision)
        {
            sub.Dispose();
            return (null, []);
        }
        var selective = !filter.Labels.IsEverything || !filter.Fields.IsEverything;
        return (sub, await store.EventsAsync(from, upTo, cancellationToken, withPrevious: selective));
    }

    private async Task PumpAsync(WatchWriter writer, WatchSubscription subscription, WatchFilter filter, bool bookmarks, CancellationToken cancellationToken)
    {
        var reader = subscription.Reader;
        while (!cancellationToken.IsCancellationRequested)
        {
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            tick.CancelAfter(bookmarkInterval);
            bool available;
            try
            {
                available = await reader.WaitToReadAsync(tick.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var revision = hub.LastRevision; // read before checking the queue: every event ≤ revision is already queued
                if (bookmarks && reader.Count == 0)
                {
                    await writer.WriteBookmarkAsync(revision, initialEventsEnd: false);
                    await writer.FlushAsync();
                }
                continue;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (!available)
            {
                return; // the subscription overflowed: end the stream; the client re-watches from its last revision
            }
            var oldest = 0L;
            while (reader.TryRead(out var e))
            {
                if (filter.Translate(e) is var (type, obj))
                {
                    await writer.WriteEventAsync(type, obj, ReferenceEquals(obj, e.Object) ? e.Json : null);
                    oldest = oldest == 0 ? e.CommittedAt : oldest;
                }
            }
            await writer.FlushAsync();
            if (oldest != 0) store.Latencies.Since($"watch.delivery {filter.Resource}", oldest); // commit → flushed to the watcher
        }
    }
}
