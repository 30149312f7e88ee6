using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Ovnk.Lab.Http;

/// <summary>Writing JSON bodies and Status failures.</summary>
public static class Responses
{
    /// <summary>Writes <paramref name="body"/> with <paramref name="code"/>.</summary>
    public static async Task WriteJsonAsync(HttpContext context, int code, JsonNode body, string contentType = "application/json")
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    /// <summary>Writes an already-serialized JSON body.</summary>
    public static async Task WriteRawAsync(HttpContext context, int code, string json, string contentType = "application/json")
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(json, context.RequestAborted);
    }

    /// <summary>Writes a Status failure.</summary>
    public static Task WriteErrorAsync(HttpContext context, ApiException error) =>
        WriteJsonAsync(context, error.Code, error.ToStatus());

    /// <summary>True when the client asked for a Table (kubectl get).</summary>
    public static bool WantsTable(HttpContext context) =>
        context.Request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);
}
