using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Ovnk.Cni.Protocol;

namespace Ovnk.Node.Cni;

/// <summary>
/// The HTTP side of one plugin request: decode, call the <see cref="ICniHandler"/>, answer 200 with a
/// <see cref="CniResponse"/> or a non-200 status with a <see cref="CniError"/> (upstream answers errors with 400).
/// </summary>
internal sealed class CniEndpoint(ICniHandler handler)
{
    public async Task HandleAsync(HttpContext context)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(CniSocket.RequestTimeout);
        try
        {
            var request = await JsonSerializer.DeserializeAsync(context.Request.Body, CniProtocolJsonContext.Default.CniRequest, timeout.Token)
                ?? throw new CniRequestException(new(CniErrorCode.DecodingFailure, "the agent received an empty CNI request"));
            var result = await DispatchAsync(CniRequestParser.Parse(request), timeout.Token);
            await WriteAsync(context, StatusCodes.Status200OK, new CniResponse(result), timeout.Token);
        }
        catch (JsonException e)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, new(CniErrorCode.DecodingFailure, $"the agent cannot decode the CNI request: {e.Message}", "the plugin and the agent are of different Ovnk versions: install the plugin the agent ships"));
        }
        catch (CniRequestException e)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, e.Error);
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, new(CniErrorCode.TryAgainLater, $"the node agent did not finish the request within {CniSocket.RequestTimeout.TotalSeconds:0} s", "the agent log names the stage it waited for"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, new(CniErrorCode.Internal, $"the node agent failed: {e.Message}", "this is a bug in the node agent; its log has the stack trace"));
        }
    }

    private async Task<CniResult?> DispatchAsync(CniServerRequest request, CancellationToken cancellationToken)
    {
        switch (request.Command)
        {
            case CniCommand.Add:
                return await handler.AddAsync(request, cancellationToken);
            case CniCommand.Del:
                await handler.DelAsync(request, cancellationToken);
                return null;
            case CniCommand.Check:
                await handler.CheckAsync(request, cancellationToken);
                return null;
            case CniCommand.Gc:
                await handler.GcAsync(request, cancellationToken);
                return null;
            case CniCommand.Status:
                await handler.StatusAsync(request, cancellationToken);
                return null;
            default:
                throw new CniRequestException(new(CniErrorCode.InvalidEnvironmentVariables, $"the agent does not serve {request.Command}"));
        }
    }

    private static Task WriteErrorAsync(HttpContext context, int status, CniError error) =>
        context.Response.HasStarted ? Task.CompletedTask : WriteAsync(context, status, error, CancellationToken.None);

    private static async Task WriteAsync<T>(HttpContext context, int status, T body, CancellationToken cancellationToken)
    {
        var bytes = body switch
        {
            CniResponse r => JsonSerializer.SerializeToUtf8Bytes(r, CniProtocolJsonContext.Default.CniResponse),
            CniError e => JsonSerializer.SerializeToUtf8Bytes(e, CniProtocolJsonContext.Default.CniError),
            _ => throw new ArgumentException($"no JSON contract for {typeof(T)}", nameof(body)),
        };
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, cancellationToken);
    }
}
