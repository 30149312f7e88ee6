using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Ovnk.Lab.Discovery;
using Ovnk.Lab.Validation;

namespace Ovnk.Lab.Http;

/// <summary>
/// Reads a request body as JSON: malformed JSON is a 400; with <c>fieldValidation=Strict</c> (what kubectl sends)
/// unknown and duplicate fields are a 422 listing every field; with Warn they come back as Warning headers.
/// </summary>
public static class RequestBody
{
    private const int MaxBytes = 3 * 1024 * 1024; // kube-apiserver's default request body limit

    /// <summary>
    /// Reads the body as JSON text (bounded). A protobuf body (kubectl's typed generators send one) is decoded to
    /// JSON first, so every later step sees one format.
    /// </summary>
    public static async Task<string> ReadTextAsync(HttpContext context)
    {
        var buffer = await ReadBytesAsync(context);
        if (context.Request.ContentType?.StartsWith("application/vnd.kubernetes.protobuf", StringComparison.Ordinal) == true)
        {
            return Protobuf.ProtobufDecoder.Decode(buffer.AsSpan()).ToJsonString();
        }
        return Encoding.UTF8.GetString(buffer);
    }

    private static async Task<byte[]> ReadBytesAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                throw new ApiException(413, "RequestEntityTooLarge", "the request body is larger than 3 MiB; split the object or store large data elsewhere");
            }
        }
        return buffer.ToArray();
    }

    /// <summary>Parses JSON text; throws 400 with the parser's position when it is malformed.</summary>
    public static JsonNode Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return JsonNode.Parse(text, null, new JsonDocumentOptions { AllowDuplicateProperties = true })
                ?? throw Errors.BadRequest("the request body is the JSON literal null; send an object");
        }
        catch (JsonException e)
        {
            throw Errors.BadRequest($"json parse error: {e.Message}; send a valid JSON document");
        }
    }

    /// <summary>Reads the body as an object of <paramref name="type"/>, validating fields per the request's fieldValidation.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpContext context, ResourceType type)
    {
        var text = await ReadTextAsync(context);
        var node = Parse(text);
        if (node is not JsonObject obj)
        {
            throw Errors.BadRequest($"the request body must be a JSON object ({type.Kind}), not a {node.GetValueKind()}");
        }
        Validate(context, type, text, obj);
        return obj;
    }

    /// <summary>Applies fieldValidation to an object given as text (create/update bodies, patch results).</summary>
    public static void Validate(HttpContext context, ResourceType type, string text, JsonObject obj)
    {
        var mode = context.Request.Query["fieldValidation"].ToString();
        if (type.Schema is not null)
        {
            // Custom resources are always validated against their schema (kube-apiserver does too).
            var violations = SchemaValidator.Validate(obj, type.Schema);
            if (violations.Count > 0)
            {
                throw Errors.Invalid(type, Objects.Meta.Name(obj), violations);
            }
            return;
        }
        if (type.Model is null || mode == "Ignore")
        {
            return;
        }
        using var document = JsonDocument.Parse(text);
        var errors = StrictValidator.Validate(document.RootElement, type.Model);
        if (errors.Count == 0)
        {
            return;
        }
        if (mode == "Strict")
        {
            throw Errors.StrictDecoding(type, Objects.Meta.Name(obj), errors);
        }
        foreach (var e in errors)
        {
            context.Response.Headers.Append("Warning", $"299 - \"{e.Message}\"");
        }
    }
}
