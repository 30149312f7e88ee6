using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ovnk.Lab.Discovery;
using Ovnk.Lab.Http;
using Ovnk.Lab.Objects;
using Ovnk.Lab.Security;
using Ovnk.Lab.Storage;
using Ovnk.Lab.Watch;

namespace Ovnk.Lab;

/// <summary>
/// The lab's Kubernetes API server: HTTPS only (its own CA; the serving certificate's SANs cover every listen
/// address plus localhost), bearer-token authentication, SQLite storage. Start it, use <see cref="KubeconfigPath"/>,
/// dispose it to stop.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ObjectStore _store;
    private readonly CertificateAuthority _ca;
    private Controllers.ControllerManager? _controllers;
    private IReadOnlyList<System.Net.Sockets.Socket> _netNsSockets = [];

    private ApiServer(WebApplication app, ObjectStore store, CertificateAuthority ca, TokenStore tokens, ResourceRegistry registry)
    {
        _app = app;
        _store = store;
        _ca = ca;
        Tokens = tokens;
        Registry = registry;
    }

    /// <summary>The bound endpoints as https URLs (ports resolved when 0 was asked).</summary>
    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    /// <summary>The kubeconfig written for the first address.</summary>
    public string KubeconfigPath { get; private set; } = "";

    /// <summary>The accepted bearer tokens.</summary>
    public TokenStore Tokens { get; }

    /// <summary>The served resource types.</summary>
    public ResourceRegistry Registry { get; }

    /// <summary>Request and storage latencies by key (see <see cref="ObjectStore.Latencies"/>).</summary>
    public Diagnostics.LatencyRecorder Latencies => _store.Latencies;

    /// <summary>The CA certificate in PEM (clients trust it).</summary>
    public string CaPem => _ca.CertificatePem;

    /// <summary>Opens the state, binds every endpoint and starts serving.</summary>
    public static async Task<ApiServer> StartAsync(ApiServerOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.StateDirectory);
        var ca = CertificateAuthority.LoadOrCreate(options.StateDirectory);
        var tokens = TokenStore.LoadOrCreate(options.StateDirectory);
        var hub = new WatchHub();
        var store = ObjectStore.Open(Path.Combine(options.StateDirectory, "state.db"), hub, options.RetainedEvents);
        var registry = new ResourceRegistry(BuiltinResources.Types);
        var services = new ServiceAllocator();
        await RestoreAsync(store, registry, services, cancellationToken);
        var handler = new ApiHandler(registry, store, hub, services, TimeProvider.System, options.BookmarkInterval, tokens);
        await EnsureSystemNamespacesAsync(registry, handler, cancellationToken);
        var netNsSockets = options.NetNsListen.Select(NetNsListener.Open).ToList();
        var app = Build(options, ca, tokens, handler, netNsSockets);
        var server = new ApiServer(app, store, ca, tokens, registry) { _netNsSockets = netNsSockets };
        await app.StartAsync(cancellationToken);
        if (options.RunControllers)
        {
            server._controllers = new Controllers.ControllerManager(registry, store, hub, handler);
        }
        // Only the root namespace's addresses: namespace listeners are not reachable from here (the kubeconfig uses the first).
        server.Addresses = [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => Uri.TryCreate(a.Replace("[::]", "127.0.0.1", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .Where(u => u.Port > 0 && !options.NetNsListen.Any(n => n.Endpoint.Port == u.Port && n.Endpoint.Address.ToString() == u.Host))];
        server.KubeconfigPath = options.KubeconfigPath ?? Path.Combine(options.StateDirectory, "kubeconfig");
        Kubeconfig.Write(server.KubeconfigPath, server.Addresses[0].ToString().TrimEnd('/'), ca.CertificatePem, tokens.AdminToken);
        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_controllers is not null)
        {
            await _controllers.DisposeAsync();
        }
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _store.Dispose();
        _ca.Dispose();
        foreach (var socket in _netNsSockets)
        {
            socket.Dispose();
        }
    }

    private static WebApplication Build(
        ApiServerOptions options, CertificateAuthority ca, TokenStore tokens, ApiHandler handler, IReadOnlyList<System.Net.Sockets.Socket> netNsSockets)
    {
        var addresses = options.Listen.Select(e => e.Address)
            .Concat(options.NetNsListen.Select(e => e.Endpoint.Address))
            .Concat(options.CertificateAddresses)
            .Where(a => !a.Equals(IPAddress.Any) && !a.Equals(IPAddress.IPv6Any))
            .Append(IPAddress.Loopback).Append(IPAddress.IPv6Loopback);
        var certificate = ca.IssueServing(addresses, ["localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc"]);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 3 * 1024 * 1024 + 1024;
            foreach (var endpoint in options.Listen)
            {
                kestrel.Listen(endpoint, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(certificate);
                });
            }
            foreach (var socket in netNsSockets)
            {
                kestrel.ListenHandle((ulong)socket.Handle, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(certificate);
                });
            }
        });
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (tokens.Authenticate(context.Request.Headers.Authorization) is null)
            {
                await Responses.WriteErrorAsync(context, new ApiException(401, "Unauthorized", "Unauthorized"));
                return;
            }
            await next(context);
        });
        app.Run(handler.HandleAsync);
        return app;
    }

    /// <summary>The namespaces every cluster has (kube-apiserver's system namespaces controller creates them).</summary>
    private static async Task EnsureSystemNamespacesAsync(ResourceRegistry registry, ApiHandler handler, CancellationToken cancellationToken)
    {
        var type = registry.FindKind("", "Namespace")!;
        foreach (var name in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            var ns = new System.Text.Json.Nodes.JsonObject { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = name } };
            Admission.PrepareCreate(type, ns, null, DateTimeOffset.UtcNow);
            try
            {
                await handler.CreateObjectAsync(type, ns, cancellationToken);
            }
            catch (ApiException e) when (e.Reason == "AlreadyExists")
            {
                // Restart: it is there already.
            }
        }
    }

    private static async Task RestoreAsync(ObjectStore store, ResourceRegistry registry, ServiceAllocator services, CancellationToken cancellationToken)
    {
        var (crds, _) = await store.ListAsync("apiextensions.k8s.io/customresourcedefinitions", null, null, cancellationToken);
        foreach (var crd in crds)
        {
            CustomResources.Register(registry, crd);
        }
        var (svcs, _) = await store.ListAsync("services", null, null, cancellationToken);
        foreach (var svc in svcs)
        {
            services.Restore(svc);
        }
    }
}
