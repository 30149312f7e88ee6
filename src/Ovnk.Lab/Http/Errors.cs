using System.Text.Json.Nodes;
using Ovnk.Lab.Discovery;
using Ovnk.Lab.Validation;

namespace Ovnk.Lab.Http;

/// <summary>The Status failures kube-apiserver returns, with upstream's messages (apimachinery/pkg/api/errors).</summary>
public static class Errors
{
    /// <summary>404: <c>pods "x" not found</c>.</summary>
    public static ApiException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.QualifiedPlural} \"{name}\" not found", Details(type, name));

    /// <summary>404 for an unknown path.</summary>
    public static ApiException PathNotFound() =>
        new(404, "NotFound", "the server could not find the requested resource", new JsonObject());

    /// <summary>409: <c>pods "x" already exists</c>.</summary>
    public static ApiException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.QualifiedPlural} \"{name}\" already exists", Details(type, name));

    /// <summary>409: a stale resourceVersion on update.</summary>
    public static ApiException Conflict(ResourceType type, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {type.QualifiedPlural} \"{name}\": the object has been modified; " +
            "please apply your changes to the latest version and try again", Details(type, name));

    /// <summary>422: <c>Pod "x" is invalid: [causes]</c>, one cause per field.</summary>
    public static ApiException Invalid(ResourceType type, string name, IReadOnlyList<FieldError> errors)
    {
        var causes = new JsonArray();
        foreach (var e in errors)
        {
            causes.Add(new JsonObject { ["reason"] = e.Reason, ["message"] = e.Message, ["field"] = e.Field });
        }
        var details = Details(type, name);
        details["kind"] = type.Kind;
        details["causes"] = causes;
        var text = errors.Count == 1 ? Describe(errors[0]) : "[" + string.Join(", ", errors.Select(Describe)) + "]";
        return new ApiException(422, "Invalid", $"{type.Kind} \"{name}\" is invalid: {text}", details);
    }

    /// <summary>422 for strict decoding failures (unknown/duplicate fields), listing every field.</summary>
    public static ApiException StrictDecoding(ResourceType type, string name, IReadOnlyList<FieldError> errors)
    {
        var invalid = Invalid(type, name, errors);
        var message = $"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: " +
            string.Join(", ", errors.Select(e => e.Reason == "FieldValueInvalid" && e.Message.StartsWith("unknown", StringComparison.Ordinal) ? e.Message : Describe(e)));
        return new ApiException(422, "Invalid", message, invalid.Details);
    }

    /// <summary>400 with a message.</summary>
    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>410: the requested revision was compacted.</summary>
    public static ApiException Gone(long requested, long compacted) =>
        new(410, "Expired", $"too old resource version: {requested} ({compacted + 1})");

    /// <summary>405 for a verb a resource does not support.</summary>
    public static ApiException MethodNotSupported(ResourceType type, string verb) =>
        new(405, "MethodNotAllowed", $"{verb} is not supported on resources of kind \"{type.QualifiedPlural}\"",
            Details(type, ""));

    /// <summary>415 for an unsupported body media type.</summary>
    public static ApiException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: " +
            $"application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json (got {contentType})");

    private static string Describe(FieldError e) => $"{e.Field}: {e.Message}";

    private static JsonObject Details(ResourceType type, string name)
    {
        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }
        details["kind"] = type.Plural;
        return details;
    }
}
