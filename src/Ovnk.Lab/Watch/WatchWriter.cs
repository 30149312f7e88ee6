using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Ovnk.Lab.Discovery;
using Ovnk.Lab.Http;
using Ovnk.Lab.Tables;

namespace Ovnk.Lab.Watch;

/// <summary>
/// Writes watch events as newline-delimited JSON (<c>{"type":…,"object":…}</c>), as Table rows when the client
/// asked for Tables (<c>kubectl get -w</c>).
/// </summary>
public sealed class WatchWriter(HttpContext context, ResourceType type, bool table, string includeObject, TimeProvider clock)
{
    /// <summary>Sends the headers: 200, chunked JSON.</summary>
    public async Task StartAsync()
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(context.RequestAborted);
    }

    /// <summary>Writes one event; <paramref name="json"/>, when given, is <paramref name="obj"/> already serialized.</summary>
    public Task WriteEventAsync(string eventType, JsonObject obj, string? json = null)
    {
        if (!table && json is not null)
        {
            return context.Response.WriteAsync($"{{\"type\":\"{eventType}\",\"object\":{json}}}\n", context.RequestAborted);
        }
        JsonNode body = table
            ? TableConverter.ToTable(type, [obj], new JsonObject { ["resourceVersion"] = obj["metadata"]?["resourceVersion"]?.DeepClone() },
                includeObject, clock.GetUtcNow())
            : obj;
        return WriteLineAsync(eventType, body);
    }

    /// <summary>Writes a BOOKMARK at <paramref name="revision"/>.</summary>
    public Task WriteBookmarkAsync(long revision, bool initialEventsEnd)
    {
        var metadata = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) };
        if (initialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }
        return WriteLineAsync("BOOKMARK", new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.ApiVersion, ["metadata"] = metadata });
    }

    /// <summary>Writes an ERROR event carrying a Status.</summary>
    public async Task WriteErrorAsync(ApiException error)
    {
        await WriteLineAsync("ERROR", error.ToStatus());
        await FlushAsync();
    }

    /// <summary>Pushes buffered events to the client.</summary>
    public Task FlushAsync() => context.Response.Body.FlushAsync(context.RequestAborted);

    // Serialized by hand: event objects are shared by every watcher and must not be re-parented into a new node.
    private Task WriteLineAsync(string eventType, JsonNode body) =>
        context.Response.WriteAsync($"{{\"type\":\"{eventType}\",\"object\":{body.ToJsonString()}}}\n", context.RequestAborted);
}
