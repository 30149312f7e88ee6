using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ovnk.Lab.Streaming;

/// <summary>
/// The kubelet side of exec, attach and logs: plain HTTP/1.1 on a unix socket (only the API server, on the same
/// host, connects; the socket's mode keeps others out), with kubelet's URL shapes:
/// <c>/exec/{ns}/{pod}/{container}?command=…&amp;stdin&amp;stdout&amp;stderr&amp;tty</c>, <c>/attach/…</c> (WebSocket,
/// <see cref="ChannelProtocol"/>) and <c>/containerLogs/{ns}/{pod}/{container}?follow&amp;tailLines&amp;previous&amp;
/// timestamps&amp;limitBytes&amp;sinceSeconds&amp;sinceTime</c> (chunked text). A node publishes the socket's path in its
/// <see cref="KubeletEndpoint.SocketAnnotation"/> annotation.
/// </summary>
public sealed class StreamingServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StreamingServer(WebApplication app, string socketPath)
    {
        _app = app;
        SocketPath = socketPath;
    }

    /// <summary>The unix socket served.</summary>
    public string SocketPath { get; }

    /// <summary>Binds <paramref name="socketPath"/> (replacing a stale socket file) and serves <paramref name="runtime"/>.</summary>
    public static async Task<StreamingServer> StartAsync(string socketPath, IStreamingRuntime runtime, CancellationToken cancellationToken)
    {
        if (!Path.IsPathFullyQualified(socketPath))
        {
            throw new ArgumentException($"the kubelet streaming socket must be an absolute path, got \"{socketPath}\"", nameof(socketPath));
        }
        Directory.CreateDirectory(Path.GetDirectoryName(socketPath)!);
        File.Delete(socketPath);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, Http.EmbeddedLifetime>();
        builder.WebHost.ConfigureKestrel(k => k.ListenUnixSocket(socketPath, l => l.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        var handler = new StreamingHandler(runtime, TimeProvider.System);
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return new StreamingServer(app, socketPath);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        File.Delete(SocketPath);
    }
}
