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
        CheckFields(context, type, text); // before building nodes: duplicate keys cannot be represented as a JsonObject
        var node = Parse(text);
        if (node is not JsonObject obj)
        {
            throw Errors.BadRequest($"the request body must be a JSON object ({type.Kind}), not a {node.GetValueKind()}");
        }
        CheckSchema(type, obj);
        return obj;
    }

    /// <summary>Applies fieldValidation and (for custom resources) the schema to an object (patch results).</summary>
    public static void Validate(HttpContext context, ResourceType type, string text, JsonObject obj)
    {
        CheckFields(context, type, text);
        CheckSchema(type, obj);
    }

    private static void CheckSchema(ResourceType type, JsonObject obj)
    {
        if (type.Schema is null)
        {
            return;
        }
        // Custom resources are always validated against their schema (kube-apiserver does too).
        var violations = SchemaValidator.Validate(obj, type.Schema);
        if (violations.Count > 0)
        {
            throw Errors.Invalid(type, Objects.Meta.Name(obj), violations);
        }
    }

    /// <summary>
    /// Unknown and duplicate fields against the model type. Strict (what kubectl sends) fails on any; otherwise
    /// unknown fields become Warning headers. Duplicates always fail: there is no single value to keep.
    /// </summary>
    private static void CheckFields(HttpContext context, ResourceType type, string text)
    {
        var mode = context.Request.Query["fieldValidation"].ToString();
        if (type.Model is null)
        {
            return;
        }
        IReadOnlyList<FieldError> errors;
        string name;
        try
        {
            using var document = JsonDocument.Parse(text);
            errors = StrictValidator.Validate(document.RootElement, type.Model);
            name = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("metadata", out var m)
                && m.ValueKind == JsonValueKind.Object && m.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
        }
        catch (JsonException e)
        {
            throw Errors.BadRequest($"json parse error: {e.Message}; send a valid JSON document");
        }
        var duplicates = errors.Where(e => e.Reason == "FieldValueDuplicate").ToList();
        if (mode == "Strict" && errors.Count > 0 || duplicates.Count > 0)
        {
            throw Errors.StrictDecoding(type, name, mode == "Strict" ? errors : duplicates);
        }
        if (mode == "Ignore")
        {
            return;
        }
        foreach (var e in errors)
        {
            context.Response.Headers.Append("Warning", $"299 - \"{e.Message}\"");
        }
    }
}
