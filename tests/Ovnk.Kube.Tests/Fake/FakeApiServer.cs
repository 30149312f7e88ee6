using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ovnk.Kube.Tests.Fake;

/// <summary>
/// A small Kubernetes API on 127.0.0.1 (ephemeral port, plain HTTP) serving list and watch for pods and nodes and
/// get/create/replace for leases, with integer resourceVersions and the faults in <see cref="FakeFaults"/>. The idea
/// is KubernetesClient's own MockKubeApiServer; the lab API server (another branch) is the real peer later.
/// </summary>
public sealed partial class FakeApiServer : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, FakeResource> _resources = new(StringComparer.Ordinal)
    {
        ["pods"] = new FakeResource("PodList"),
        ["nodes"] = new FakeResource("NodeList"),
    };
    private readonly Dictionary<string, JsonObject> _leases = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _rv = 100;
    private long _compactedRv;
    private WebApplication? _app;

    /// <summary>The faults to inject.</summary>
    public FakeFaults Faults { get; } = new();

    /// <summary>The base URL, e.g. http://127.0.0.1:41234.</summary>
    public string Url { get; private set; } = "";

    /// <summary>How many watch requests arrived, per resource.</summary>
    public int WatchRequests { get; private set; }

    /// <summary>How many list requests arrived.</summary>
    public int ListRequests { get; private set; }

    /// <summary>Events created through the API, in order.</summary>
    public List<JsonObject> Events { get; } = [];

    /// <summary>Starts a server on an ephemeral loopback port.</summary>
    public static async Task<FakeApiServer> StartAsync(CancellationToken cancellationToken)
    {
        var server = new FakeApiServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        server.Map(app);
        await app.StartAsync(cancellationToken);
        server._app = app;
        server.Url = app.Urls.First();
        return server;
    }

    /// <summary>A client for this server.</summary>
    public Kubernetes Client() => new(new KubernetesClientConfiguration { Host = Url });

    /// <summary>Creates or updates an object; returns its new resourceVersion.</summary>
    public long Upsert(string resource, IKubernetesObject<V1ObjectMeta> obj)
    {
        var json = JsonNode.Parse(KubernetesJson.Serialize(obj))!.AsObject();
        lock (_lock)
        {
            var r = _resources[resource];
            var key = Key(json);
            var type = r.Objects.ContainsKey(key) ? "MODIFIED" : "ADDED";
            json["metadata"]!["resourceVersion"] = (++_rv).ToString(System.Globalization.CultureInfo.InvariantCulture);
            r.Objects[key] = json;
            r.History.Add((_rv, type, json));
            Pulse();
            return _rv;
        }
    }

    /// <summary>Deletes an object by key (<c>ns/name</c> or <c>name</c>).</summary>
    public void Delete(string resource, string key)
    {
        lock (_lock)
        {
            var r = _resources[resource];
            if (!r.Objects.Remove(key, out var old)) throw new KeyNotFoundException(key);
            var gone = old.DeepClone().AsObject();
            gone["metadata"]!["resourceVersion"] = (++_rv).ToString(System.Globalization.CultureInfo.InvariantCulture);
            r.History.Add((_rv, "DELETED", gone));
            Pulse();
        }
    }

    /// <summary>Forgets history: a watch from any older resourceVersion now gets 410 Gone (as etcd compaction).</summary>
    public void Compact()
    {
        lock (_lock) _compactedRv = _rv;
    }

    /// <summary>The current objects: key → resourceVersion.</summary>
    public IReadOnlyDictionary<string, string> Snapshot(string resource)
    {
        lock (_lock)
            return _resources[resource].Objects.ToDictionary(kv => kv.Key, kv => (string)kv.Value["metadata"]!["resourceVersion"]!, StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_app is null) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    private static string Key(JsonObject obj)
    {
        var meta = obj["metadata"]!;
        var ns = (string?)meta["namespace"];
        return string.IsNullOrEmpty(ns) ? (string)meta["name"]! : ns + "/" + (string)meta["name"]!;
    }

    private void Pulse()
    {
        _changed.TrySetResult();
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/api/v1/{resource}", (HttpContext ctx, string resource) => ListOrWatchAsync(ctx, resource));
        app.MapGet("/apis/coordination.k8s.io/v1/namespaces/{ns}/leases/{name}", (HttpContext ctx, string ns, string name) => GetLeaseAsync(ctx, ns + "/" + name));
        app.MapPost("/apis/coordination.k8s.io/v1/namespaces/{ns}/leases", (HttpContext ctx, string ns) => WriteLeaseAsync(ctx, ns, null));
        app.MapPut("/apis/coordination.k8s.io/v1/namespaces/{ns}/leases/{name}", (HttpContext ctx, string ns, string name) => WriteLeaseAsync(ctx, ns, name));
        app.MapPost("/api/v1/namespaces/{ns}/events", (HttpContext ctx, string ns) => CreateEventAsync(ctx, ns));
    }

    private async Task CreateEventAsync(HttpContext ctx, string ns)
    {
        var body = (await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted))!.AsObject();
        lock (_lock)
        {
            body["metadata"]!["name"] = (string?)body["metadata"]!["generateName"] + (++_rv).ToString(System.Globalization.CultureInfo.InvariantCulture);
            body["metadata"]!["namespace"] = ns;
            Events.Add(body);
        }
        await WriteJsonAsync(ctx, 201, body.ToJsonString());
    }

    private static Task WriteJsonAsync(HttpContext ctx, int status, string json)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        return ctx.Response.WriteAsync(json, ctx.RequestAborted);
    }

    private static string StatusJson(int code, string reason, string message) =>
        new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Failure", ["message"] = message, ["reason"] = reason, ["code"] = code }.ToJsonString();
}
