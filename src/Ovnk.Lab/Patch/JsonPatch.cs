using System.Text.Json.Nodes;
using Ovnk.Lab.Http;

namespace Ovnk.Lab.Patch;

/// <summary>JSON Patch (RFC 6902): add, remove, replace, move, copy, test over JSON Pointers (RFC 6901).</summary>
public static class JsonPatch
{
    /// <summary>Applies the operations in <paramref name="patch"/> to a copy of <paramref name="target"/>.</summary>
    public static JsonNode Apply(JsonNode target, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw Errors.BadRequest("a JSON patch must be an array of operations (RFC 6902 §3)");
        }
        var document = target.DeepClone();
        foreach (var op in operations)
        {
            document = ApplyOne(document, op as JsonObject ?? throw Errors.BadRequest("a JSON patch operation must be an object"));
        }
        return document;
    }

    private static JsonNode ApplyOne(JsonNode document, JsonObject op)
    {
        var name = op["op"]?.GetValue<string>();
        var path = op["path"]?.GetValue<string>() ?? throw Errors.BadRequest("JSON patch operation lacks \"path\"");
        switch (name)
        {
            case "add":
                return Add(document, path, op["value"]?.DeepClone());
            case "remove":
                Remove(document, path);
                return document;
            case "replace":
                Remove(document, path);
                return Add(document, path, op["value"]?.DeepClone());
            case "move":
                var from = From(op);
                var moved = Get(document, from);
                Remove(document, from);
                return Add(document, path, moved);
            case "copy":
                return Add(document, path, Get(document, From(op))?.DeepClone());
            case "test":
                if (!JsonNode.DeepEquals(Get(document, path), op["value"]))
                {
                    throw new ApiException(422, "Invalid", $"the JSON patch test operation failed at {path}");
                }
                return document;
            default:
                throw Errors.BadRequest($"unknown JSON patch operation \"{name}\" (RFC 6902 §4)");
        }
    }

    private static string From(JsonObject op) =>
        op["from"]?.GetValue<string>() ?? throw Errors.BadRequest("JSON patch move/copy lacks \"from\"");

    private static string[] Tokens(string pointer) =>
        pointer.Length == 0 ? [] : [.. pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];

    private static JsonNode? Get(JsonNode document, string pointer)
    {
        JsonNode? node = document;
        foreach (var token in Tokens(pointer))
        {
            node = node switch
            {
                JsonObject o when o.TryGetPropertyValue(token, out var child) => child,
                JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => a[i],
                _ => throw new ApiException(422, "Invalid", $"the JSON patch path {pointer} does not exist"),
            };
        }
        return node;
    }

    private static JsonNode Add(JsonNode document, string pointer, JsonNode? value)
    {
        var tokens = Tokens(pointer);
        if (tokens.Length == 0)
        {
            return value ?? throw Errors.BadRequest("cannot replace the whole document with null");
        }
        var parent = Get(document, ParentPointer(tokens));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw new ApiException(422, "Invalid", $"the JSON patch path {pointer} cannot be added to");
        }
        return document;
    }

    private static void Remove(JsonNode document, string pointer)
    {
        var tokens = Tokens(pointer);
        if (tokens.Length == 0)
        {
            throw Errors.BadRequest("cannot remove the whole document");
        }
        var parent = Get(document, ParentPointer(tokens));
        var last = tokens[^1];
        var removed = parent switch
        {
            JsonObject o => o.Remove(last),
            JsonArray a when int.TryParse(last, out var i) && i >= 0 && i < a.Count => RemoveAt(a, i),
            _ => false,
        };
        if (!removed)
        {
            throw new ApiException(422, "Invalid", $"the JSON patch path {pointer} does not exist");
        }
    }

    private static bool RemoveAt(JsonArray a, int i)
    {
        a.RemoveAt(i);
        return true;
    }

    private static string ParentPointer(string[] tokens) =>
        tokens.Length <= 1 ? "" : "/" + string.Join('/', tokens[..^1].Select(Escape));

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
