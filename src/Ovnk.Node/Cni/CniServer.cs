using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Ovnk.Cni.Protocol;

namespace Ovnk.Node.Cni;

/// <summary>
/// The agent's end of the CNI socket: HTTP/1.1 (Kestrel) on a unix socket inside a root-owned 0700 directory
/// (<see cref="CniSocketDirectory"/>), serving <c>POST /</c> with an <see cref="ICniHandler"/>.
/// Start with <see cref="StartAsync"/>; dispose to stop, which removes the socket.
/// </summary>
public sealed class CniServer : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);
    private readonly WebApplication app;

    private CniServer(WebApplication app, string socketPath)
    {
        this.app = app;
        SocketPath = socketPath;
    }

    public string SocketPath { get; }

    /// <exception cref="CniServerException">The directory is unsafe or the socket cannot be bound; the message says why.</exception>
    public static async Task<CniServer> StartAsync(string socketPath, ICniHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        CniSocketDirectory.Prepare(socketPath);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenUnixSocket(socketPath);
            kestrel.AddServerHeader = false;
            // A config with a large prevResult stays well under this; anything bigger is not a CNI request.
            kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
        });
        var app = builder.Build();
        var endpoint = new CniEndpoint(handler);
        app.MapPost("/", (HttpContext context) => endpoint.HandleAsync(context));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new CniServerException($"cannot listen on {socketPath}: {e.Message}. Is another node agent running on this node?", isTransient: true, e);
        }
        // Upstream chmods the socket 0600 too; the 0700 directory is what closes the Listen/chmod window.
        File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new CniServer(app, socketPath);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(StopTimeout);
        await app.StopAsync(stop.Token);
        await app.DisposeAsync();
        if (File.Exists(SocketPath)) File.Delete(SocketPath);
    }

    /// <summary>The default socket path, shared with the plugin.</summary>
    public static string DefaultSocketPath => CniSocket.DefaultPath;
}
