using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Ovnk.Lab.Streaming;

/// <summary>Routes the kubelet streaming URLs to an <see cref="IStreamingRuntime"/>; failures before an upgrade are Status answers.</summary>
internal sealed class StreamingHandler(IStreamingRuntime runtime, TimeProvider clock)
{
    public async Task HandleAsync(HttpContext context)
    {
        var parts = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            switch (parts)
            {
                case [var verb and ("exec" or "attach"), var ns, var pod, var container] when context.Request.Method is "GET" or "POST":
                    await StreamAsync(context, verb, new ContainerTarget(ns, pod, container));
                    break;
                case ["containerLogs", var ns, var pod, var container] when context.Request.Method == "GET":
                    await LogsAsync(context, new ContainerTarget(ns, pod, container));
                    break;
                default:
                    throw new StreamingException(StreamingError.NotFound, $"{context.Request.Method} {context.Request.Path} is not a kubelet streaming URL");
            }
        }
        catch (StreamingException e) when (!context.Response.HasStarted)
        {
            // With a Content-Length (not chunked): the API server relays this answer to an upgrade request as is.
            var body = JsonSerializer.SerializeToUtf8Bytes(ExecStatus.Http(e));
            context.Response.StatusCode = e.Code;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (kubectl logs -f interrupted).
        }
    }

    private async Task StreamAsync(HttpContext context, string verb, ContainerTarget target)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            throw new StreamingException(StreamingError.BadRequest,
                "Upgrade request required: the lab serves exec and attach over WebSocket (v5.channel.k8s.io) only, not SPDY");
        }
        var protocol = ChannelProtocol.Negotiate(context.WebSockets.WebSocketRequestedProtocols)
            ?? throw new StreamingException(StreamingError.BadRequest,
                $"none of the requested subprotocols [{string.Join(", ", context.WebSockets.WebSocketRequestedProtocols)}] is supported: use {ChannelProtocol.V5} or {ChannelProtocol.V4}");
        var request = StreamRequest.Parse(context.Request.Query);
        if (verb == "exec" && request.Command.Count == 0)
        {
            throw new StreamingException(StreamingError.BadRequest, "you must specify at least one command for the container");
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync(protocol);
        await ChannelSession.RunAsync(socket, request, ct => verb == "exec"
            ? runtime.ExecAsync(target, request.Command, request.Tty, request.Stdin, ct)
            : runtime.AttachAsync(target, ct), context.RequestAborted);
    }

    private async Task LogsAsync(HttpContext context, ContainerTarget target)
    {
        var options = LogOptions.Parse(context.Request.Query, clock.GetUtcNow());
        var log = await runtime.GetLogAsync(target, options.Previous, context.RequestAborted);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        await context.Response.StartAsync(context.RequestAborted);
        await LogStreamer.StreamAsync(log, options, context.Response.Body, context.RequestAborted);
    }
}
