using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ovnk.Lab.Discovery;
using Ovnk.Lab.Http;
using Ovnk.Lab.Validation;

namespace Ovnk.Lab.Objects;

/// <summary>
/// What the server does to an object before storing it: identity (name from generateName, uid,
/// creationTimestamp), generation, defaulting, and the invariants of an update (immutable identity, status kept
/// by main-resource writes, optimistic concurrency). Pure: the caller supplies the clock.
/// </summary>
public static partial class Admission
{
    private const string Alphanumerics = "bcdfghjklmnpqrstvwxz2456789"; // upstream's generateName alphabet

    /// <summary>Checks kind/apiVersion/namespace against the URL and fills in what a create leaves to the server.</summary>
    public static void PrepareCreate(ResourceType type, JsonObject obj, string? ns, DateTimeOffset now)
    {
        CheckTypeMeta(type, obj);
        var metadata = Meta.Metadata(obj);
        if (string.IsNullOrEmpty(Meta.Name(obj)) && Meta.Get(obj, "generateName") is { Length: > 0 } prefix)
        {
            metadata["name"] = prefix + string.Concat(Enumerable.Range(0, 5).Select(_ => Alphanumerics[RandomNumberGenerator.GetInt32(Alphanumerics.Length)]));
        }
        CheckNamespace(type, obj, ns);
        ValidateName(type, obj);
        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = Meta.Timestamp(now);
        metadata.Remove("resourceVersion");
        metadata.Remove("deletionTimestamp");
        if (obj.ContainsKey("spec"))
        {
            metadata["generation"] = 1;
        }
        Defaulter.Apply(type.Group, type.Kind, obj);
    }

    /// <summary>
    /// Builds the object to store from <paramref name="incoming"/> replacing <paramref name="current"/>:
    /// 409 on a stale resourceVersion; identity fields kept; status kept unless writing the status subresource
    /// (and only status taken when it is); generation bumped when spec changed.
    /// </summary>
    public static JsonObject PrepareUpdate(ResourceType type, JsonObject current, JsonObject incoming, string? subresource)
    {
        CheckTypeMeta(type, incoming);
        var name = Meta.Name(current);
        if (Meta.Name(incoming) is { Length: > 0 } given && given != name)
        {
            throw Errors.BadRequest($"the name of the object ({given}) does not match the name on the URL ({name})");
        }
        var expected = Meta.Get(incoming, "resourceVersion");
        if (!string.IsNullOrEmpty(expected) && expected != Meta.Get(current, "resourceVersion"))
        {
            throw Errors.Conflict(type, name);
        }
        JsonObject next;
        if (subresource == "status")
        {
            next = (JsonObject)current.DeepClone();
            next["status"] = incoming["status"]?.DeepClone();
        }
        else
        {
            next = (JsonObject)incoming.DeepClone();
            if (type.HasStatus)
            {
                next["status"] = current["status"]?.DeepClone();
            }
        }
        KeepIdentity(current, next);
        Defaulter.Apply(type.Group, type.Kind, next);
        if (!JsonNode.DeepEquals(current["spec"], next["spec"]) && current["metadata"]?["generation"] is JsonValue g)
        {
            Meta.Metadata(next)["generation"] = g.GetValue<long>() + 1;
        }
        return next;
    }

    private static void KeepIdentity(JsonObject current, JsonObject next)
    {
        var metadata = Meta.Metadata(next);
        foreach (var field in new[] { "name", "namespace", "uid", "creationTimestamp", "generation", "deletionTimestamp" })
        {
            var value = current["metadata"]?[field]?.DeepClone();
            if (value is null)
            {
                metadata.Remove(field);
            }
            else
            {
                metadata[field] = value;
            }
        }
    }

    private static void CheckTypeMeta(ResourceType type, JsonObject obj)
    {
        var kind = obj["kind"]?.GetValue<string>();
        var apiVersion = obj["apiVersion"]?.GetValue<string>();
        if (!string.IsNullOrEmpty(kind) && kind != type.Kind || !string.IsNullOrEmpty(apiVersion) && apiVersion != type.ApiVersion)
        {
            throw Errors.BadRequest($"the API version in the data ({apiVersion}) and kind ({kind}) do not match the URL ({type.ApiVersion}, {type.Kind})");
        }
        obj["kind"] = type.Kind;
        obj["apiVersion"] = type.ApiVersion;
    }

    private static void CheckNamespace(ResourceType type, JsonObject obj, string? ns)
    {
        var metadata = Meta.Metadata(obj);
        if (!type.Namespaced)
        {
            metadata.Remove("namespace");
            return;
        }
        var given = Meta.Namespace(obj);
        if (given.Length > 0 && given != ns)
        {
            throw Errors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        metadata["namespace"] = ns;
    }

    private static void ValidateName(ResourceType type, JsonObject obj)
    {
        var name = Meta.Name(obj);
        if (name.Length == 0)
        {
            throw Errors.Invalid(type, "", [new FieldError("metadata.name", "FieldValueRequired", "Required value: name or generateName is required")]);
        }
        if (type.Group == "rbac.authorization.k8s.io")
        {
            // RBAC names are path segments (ValidatePathSegmentName): "system:controller:x" is valid.
            if (name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('%', StringComparison.Ordinal))
            {
                throw Errors.Invalid(type, name, [new FieldError("metadata.name", "FieldValueInvalid", $"Invalid value: \"{name}\": may not contain '/' or '%' and may not be '.' or '..'")]);
            }
            return;
        }
        if (name.Length > 253 || !Subdomain().IsMatch(name))
        {
            throw Errors.Invalid(type, name, [new FieldError("metadata.name", "FieldValueInvalid",
                $"Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")]);
        }
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}
