using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Ovnk.Kube.Tests.Fake;

/// <content>Leases with optimistic concurrency (409 on a stale resourceVersion), as the real API server.</content>
public sealed partial class FakeApiServer
{
    /// <summary>Lease writes accepted, per holderIdentity (for asserting who wrote).</summary>
    public Dictionary<string, int> LeaseWritesBy { get; } = new(StringComparer.Ordinal);

    /// <summary>The lease's current holder, or null.</summary>
    public string? LeaseHolder(string ns, string name)
    {
        lock (_lock) return _leases.TryGetValue(ns + "/" + name, out var l) ? (string?)l["spec"]?["holderIdentity"] : null;
    }

    private Task GetLeaseAsync(HttpContext ctx, string key)
    {
        string? json;
        lock (_lock) json = _leases.TryGetValue(key, out var l) ? l.ToJsonString() : null;
        return json is null
            ? WriteJsonAsync(ctx, 404, StatusJson(404, "NotFound", $"leases \"{key}\" not found"))
            : WriteJsonAsync(ctx, 200, json);
    }

    private async Task WriteLeaseAsync(HttpContext ctx, string ns, string? name)
    {
        var body = (await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted))!.AsObject();
        var key = ns + "/" + (name ?? (string)body["metadata"]!["name"]!);
        var holder = (string?)body["spec"]?["holderIdentity"];
        var (status, json) = ApplyLeaseWrite(key, holder, body, create: name is null);
        await WriteJsonAsync(ctx, status, json);
    }

    private (int Status, string Json) ApplyLeaseWrite(string key, string? holder, JsonObject body, bool create)
    {
        lock (_lock)
        {
            if (holder is not null && holder == Faults.FailLeaseWritesBy)
                return (500, StatusJson(500, "InternalError", "injected failure"));
            var exists = _leases.TryGetValue(key, out var current);
            if (create && exists) return (409, StatusJson(409, "AlreadyExists", $"lease {key} already exists"));
            if (!create && !exists) return (404, StatusJson(404, "NotFound", $"lease {key} not found"));
            if (!create && (string?)body["metadata"]?["resourceVersion"] != (string?)current!["metadata"]!["resourceVersion"])
                return (409, StatusJson(409, "Conflict", "the object has been modified; please apply your changes to the latest version"));
            body["metadata"]!["resourceVersion"] = (++_rv).ToString(CultureInfo.InvariantCulture);
            _leases[key] = body;
            LeaseWritesBy[holder ?? ""] = LeaseWritesBy.GetValueOrDefault(holder ?? "") + 1;
            return (create ? 201 : 200, body.ToJsonString());
        }
    }
}
