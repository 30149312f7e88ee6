using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Ovnk.Kube.Tests.Fake;

/// <content>List and watch with injected faults.</content>
public sealed partial class FakeApiServer
{
    private async Task ListOrWatchAsync(HttpContext ctx, string resource)
    {
        if (!_resources.TryGetValue(resource, out var r))
        {
            await WriteJsonAsync(ctx, 404, StatusJson(404, "NotFound", $"no resource {resource}"));
            return;
        }
        if (Faults.Delay > TimeSpan.Zero) await Task.Delay(Faults.Delay, ctx.RequestAborted);
        if (ctx.Request.Query["watch"] == "true") await WatchAsync(ctx, r);
        else await ListAsync(ctx, r);
    }

    private Task ListAsync(HttpContext ctx, FakeResource r)
    {
        string json;
        lock (_lock)
        {
            ListRequests++;
            var items = new JsonArray([.. r.Objects.Values.Select(o => (JsonNode)o.DeepClone())]);
            json = new JsonObject
            {
                ["kind"] = r.ListKind, ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject { ["resourceVersion"] = _rv.ToString(CultureInfo.InvariantCulture) },
                ["items"] = items,
            }.ToJsonString();
        }
        return WriteJsonAsync(ctx, 200, json);
    }

    private async Task WatchAsync(HttpContext ctx, FakeResource r)
    {
        var from = long.Parse(ctx.Request.Query["resourceVersion"].ToString(), CultureInfo.InvariantCulture);
        var timeout = int.TryParse(ctx.Request.Query["timeoutSeconds"], out var t) ? t : 60;
        if (StartWatch(out var inStreamGone, from) is { } httpGone)
        {
            await WriteJsonAsync(ctx, 410, httpGone);
            return;
        }
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        if (inStreamGone)
        {
            await WriteLineAsync(ctx, new JsonObject { ["type"] = "ERROR", ["object"] = JsonNode.Parse(StatusJson(410, "Expired", "too old resource version")) });
            return;
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted);
        deadline.CancelAfter(TimeSpan.FromSeconds(timeout));
        try
        {
            await StreamAsync(ctx, r, from, deadline.Token);
        }
        catch (OperationCanceledException) when (!ctx.RequestAborted.IsCancellationRequested)
        {
            // timeoutSeconds elapsed: end the stream as a real server does.
        }
    }

    /// <summary>Counts the request and decides on 410: returns a Status body for an HTTP 410, or sets in-stream 410.</summary>
    private string? StartWatch(out bool inStreamGone, long from)
    {
        lock (_lock)
        {
            WatchRequests++;
            inStreamGone = false;
            if (Faults.HttpGoneOnNextWatches > 0)
            {
                Faults.HttpGoneOnNextWatches--;
                return StatusJson(410, "Gone", "too old resource version");
            }
            if (Faults.GoneOnNextWatches > 0 || from < _compactedRv)
            {
                Faults.GoneOnNextWatches = Math.Max(0, Faults.GoneOnNextWatches - 1);
                inStreamGone = true;
            }
            return null;
        }
    }

    private async Task StreamAsync(HttpContext ctx, FakeResource r, long from, CancellationToken cancellationToken)
    {
        var sent = 0;
        JsonObject? previous = null;
        if (Faults.Bookmarks) await BookmarkAsync(ctx, r, from);
        while (true)
        {
            List<(long Rv, string Type, JsonObject Obj)> events;
            Task changed;
            long current;
            lock (_lock)
            {
                events = [.. r.History.Where(e => e.Rv > from)];
                changed = _changed.Task;
                current = _rv; // every event of this resource up to here is in the snapshot
            }
            foreach (var e in events)
            {
                var line = new JsonObject { ["type"] = e.Type, ["object"] = e.Obj.DeepClone() };
                await WriteLineAsync(ctx, line);
                if (Faults.DuplicateEvents) await WriteLineAsync(ctx, line);
                if (Faults.ReplayPrevious && previous is not null) await WriteLineAsync(ctx, (JsonObject)previous.DeepClone());
                previous = line;
                from = e.Rv;
                if (++sent >= (Faults.DropWatchAfterEvents ?? int.MaxValue)) return;
            }
            // As a real server: a bookmark carries the global resourceVersion, which also moves when other
            // resources change, so an idle watch can resume after a compaction without relisting.
            if (Faults.Bookmarks && current > from) await BookmarkAsync(ctx, r, from = current);
            await changed.WaitAsync(cancellationToken);
        }
    }

    private Task BookmarkAsync(HttpContext ctx, FakeResource r, long rv) =>
        WriteLineAsync(ctx, new JsonObject
        {
            ["type"] = "BOOKMARK",
            ["object"] = new JsonObject
            {
                ["kind"] = r.ListKind[..^4], ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) },
            },
        });

    private static async Task WriteLineAsync(HttpContext ctx, JsonObject line)
    {
        await ctx.Response.WriteAsync(line.ToJsonString() + "\n", ctx.RequestAborted);
        await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
    }
}
