using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Ovnk.Lab.Discovery;
using Ovnk.Lab.Objects;
using Ovnk.Lab.OpenApi;
using Ovnk.Lab.Storage;
using Ovnk.Lab.Watch;

namespace Ovnk.Lab.Http;

/// <summary>
/// Serves every authenticated request: discovery and OpenAPI documents, then the resource verbs (split by concern
/// into partial files: Read, Write, Patch, Watch, Subresources). Failures become Status objects.
/// </summary>
public sealed partial class ApiHandler(
    ResourceRegistry registry, ObjectStore store, WatchHub hub, ServiceAllocator services, TimeProvider clock, TimeSpan bookmarkInterval,
    Security.TokenStore tokens)
{
    private readonly OpenApiDocuments _openApi = new(registry);

    /// <summary>Handles one request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            if (await TryServeDocumentAsync(context))
            {
                return;
            }
            var path = ResourcePath.Parse(context.Request.Path.Value ?? "/", registry) ?? throw Errors.PathNotFound();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await DispatchAsync(context, path);
            if (TimingKey(context, path) is { } key) store.Latencies.Since(key, started);
        }
        catch (ApiException e) when (!context.Response.HasStarted)
        {
            await Responses.WriteErrorAsync(context, e);
        }
        catch (JsonException e) when (!context.Response.HasStarted)
        {
            await Responses.WriteErrorAsync(context, Errors.BadRequest($"malformed JSON: {e.Message}"));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (a watch ended); nothing to answer.
        }
#pragma warning disable CA1031 // The last resort: any other failure still answers with a Status, never a bare 500.
        catch (Exception e) when (!context.Response.HasStarted)
#pragma warning restore CA1031
        {
            await Responses.WriteErrorAsync(context, new ApiException(500, "InternalError",
                $"an error on the server ({e.GetType().Name}: {e.Message}) has prevented the request from succeeding"));
        }
    }

    /// <summary>"VERB resource[/subresource]" for a request that ends with its answer (not watches or streams).</summary>
    private static string? TimingKey(HttpContext context, ResourcePath path)
    {
        var watch = context.Request.Query["watch"] is var w && (w == "true" || w == "1");
        if (watch || path.Subresource is "exec" or "attach" or "log") return null;
        var verb = (context.Request.Method, path.Name) switch
        {
            ("GET", null) => "LIST",
            (var m, _) => m,
        };
        return $"api {verb} {path.Type.StorageKey}{(path.Subresource is null ? "" : "/" + path.Subresource)}";
    }

    private Task DispatchAsync(HttpContext context, ResourcePath path)
    {
        var method = context.Request.Method;
        var query = context.Request.Query;
        return (method, path.Name, path.Subresource) switch
        {
            ("GET", null, _) when query["watch"] is var w && (w == "true" || w == "1") => WatchAsync(context, path),
            ("GET", null, _) => ListAsync(context, path),
            ("GET" or "POST", not null, "exec" or "attach") => StreamAsync(context, path),
            ("GET", not null, "log") => PodLogAsync(context, path),
            ("GET", _, "scale") => GetScaleAsync(context, path),
            ("GET", _, null or "status") => GetAsync(context, path),
            ("POST", null, _) => CreateAsync(context, path),
            ("POST", _, "binding") => BindAsync(context, path),
            ("POST", _, "token") => CreateTokenAsync(context, path),
            ("POST", _, "eviction") => DeleteAsync(context, path with { Subresource = null }),
            ("PUT", _, "scale") => UpdateScaleAsync(context, path),
            ("PUT", not null, null or "status" or "finalize") => UpdateAsync(context, path),
            ("PATCH", _, "scale") => PatchScaleAsync(context, path),
            ("PATCH", not null, null or "status") => PatchAsync(context, path),
            ("DELETE", null, null) => DeleteCollectionAsync(context, path),
            ("DELETE", not null, null) => DeleteAsync(context, path),
            _ => throw Errors.MethodNotSupported(path.Type, method.ToLowerInvariant()),
        };
    }

    private async Task<bool> TryServeDocumentAsync(HttpContext context)
    {
        var path = (context.Request.Path.Value ?? "/").TrimEnd('/');
        if (context.Request.Method != "GET")
        {
            return false;
        }
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (parts)
        {
            case ["version"]:
                await Responses.WriteJsonAsync(context, 200, DiscoveryDocuments.Version());
                return true;
            case ["healthz" or "readyz" or "livez", ..]:
                await Responses.WriteRawAsync(context, 200, "ok", "text/plain");
                return true;
            case ["api"]:
                await ServeGroupsAsync(context, core: true);
                return true;
            case ["apis"]:
                await ServeGroupsAsync(context, core: false);
                return true;
            case ["api", var version]:
                await ServeResourceListAsync(context, "", version);
                return true;
            case ["apis", var group] when registry.Versions(group).Count > 0:
                await Responses.WriteJsonAsync(context, 200, DiscoveryDocuments.Group(registry, group));
                return true;
            case ["apis", var group, var version]:
                await ServeResourceListAsync(context, group, version);
                return true;
            case ["openapi", "v3"]:
                await Responses.WriteJsonAsync(context, 200, _openApi.Index());
                return true;
            case ["openapi", "v3", .. var rest]:
                var document = _openApi.Find(string.Join('/', rest)) ?? throw Errors.PathNotFound();
                context.Response.Headers.CacheControl = "public, immutable";
                await Responses.WriteRawAsync(context, 200, document.Json);
                return true;
            default:
                return false;
        }
    }

    private Task ServeGroupsAsync(HttpContext context, bool core)
    {
        var accept = context.Request.Headers.Accept.ToString();
        if (accept.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal))
        {
            // Aggregated discovery (KEP-3352): answer in the newest version the client accepts.
            var version = accept.Contains("v=v2;", StringComparison.Ordinal) || accept.Contains("v=v2,", StringComparison.Ordinal)
                || accept.EndsWith("v=v2", StringComparison.Ordinal) ? "v2" : "v2beta1";
            return Responses.WriteJsonAsync(context, 200,
                DiscoveryDocuments.Aggregated(registry, core, $"apidiscovery.k8s.io/{version}"),
                $"application/json;g=apidiscovery.k8s.io;v={version};as=APIGroupDiscoveryList");
        }
        return core
            ? Responses.WriteJsonAsync(context, 200, DiscoveryDocuments.CoreVersions())
            : Responses.WriteJsonAsync(context, 200, DiscoveryDocuments.GroupList(registry));
    }

    private Task ServeResourceListAsync(HttpContext context, string group, string version)
    {
        if (registry.InGroupVersion(group, version).Count == 0)
        {
            throw Errors.PathNotFound();
        }
        return Responses.WriteJsonAsync(context, 200, DiscoveryDocuments.ResourceList(registry, group, version));
    }

    private static ObjectKey KeyOf(ResourcePath path, string? name = null) =>
        new(path.Type.StorageKey, path.Namespace ?? "", name ?? path.Name ?? "");
}
