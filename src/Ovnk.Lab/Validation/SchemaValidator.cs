using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ovnk.Lab.Validation;

/// <summary>
/// Validates a custom resource against its CRD's structural openAPIV3Schema: types, required, enum, numeric bounds,
/// and unknown fields (unless <c>x-kubernetes-preserve-unknown-fields</c>). apiVersion, kind and metadata are the
/// server's. Messages follow kube-apiserver's ("spec.size in body must be of type integer: \"string\"").
/// </summary>
public static class SchemaValidator
{
    /// <summary>Every violation in <paramref name="obj"/>.</summary>
    public static IReadOnlyList<FieldError> Validate(JsonObject obj, JsonObject schema)
    {
        var errors = new List<FieldError>();
        var root = (JsonObject)obj.DeepClone();
        root.Remove("apiVersion");
        root.Remove("kind");
        root.Remove("metadata");
        var rootSchema = (JsonObject)schema.DeepClone();
        (rootSchema["properties"] as JsonObject)?.Remove("metadata");
        (rootSchema["properties"] as JsonObject)?.Remove("apiVersion");
        (rootSchema["properties"] as JsonObject)?.Remove("kind");
        Walk(root, rootSchema, "", errors);
        return errors;
    }

    private static void Walk(JsonNode? value, JsonObject schema, string path, List<FieldError> errors)
    {
        if (value is null)
        {
            return;
        }
        if (schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true)
        {
            Expect(value.GetValueKind() is JsonValueKind.Number or JsonValueKind.String, value, path, "integer or string", errors);
            return;
        }
        var type = schema["type"]?.GetValue<string>();
        if (type is not null && !TypeMatches(value, type))
        {
            errors.Add(new FieldError(path, "FieldValueTypeInvalid", $"Invalid value: \"{Kind(value)}\": {path} in body must be of type {type}: \"{Kind(value)}\""));
            return;
        }
        CheckEnum(value, schema, path, errors);
        CheckBounds(value, schema, path, errors);
        switch (value)
        {
            case JsonObject o:
                WalkObject(o, schema, path, errors);
                break;
            case JsonArray a when schema["items"] is JsonObject items:
                for (var i = 0; i < a.Count; i++)
                {
                    Walk(a[i], items, $"{path}[{i}]", errors);
                }
                break;
        }
    }

    private static void WalkObject(JsonObject o, JsonObject schema, string path, List<FieldError> errors)
    {
        var properties = schema["properties"] as JsonObject;
        var preserve = schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;
        foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
        {
            if (!o.ContainsKey(required))
            {
                errors.Add(new FieldError(Join(path, required), "FieldValueRequired", "Required value"));
            }
        }
        foreach (var (name, child) in o)
        {
            if (properties?[name] is JsonObject childSchema)
            {
                Walk(child, childSchema, Join(path, name), errors);
            }
            else if (schema["additionalProperties"] is JsonObject additional)
            {
                Walk(child, additional, Join(path, name), errors);
            }
            else if (!preserve && (properties is not null || schema["additionalProperties"] is null))
            {
                errors.Add(new FieldError(Join(path, name), "FieldValueInvalid", $"unknown field \"{Join(path, name)}\""));
            }
        }
    }

    private static void CheckEnum(JsonNode value, JsonObject schema, string path, List<FieldError> errors)
    {
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            var list = string.Join(", ", allowed.Select(a => a!.ToJsonString()));
            errors.Add(new FieldError(path, "FieldValueNotSupported", $"Unsupported value: {value.ToJsonString()}: supported values: {list}"));
        }
    }

    private static void CheckBounds(JsonNode value, JsonObject schema, string path, List<FieldError> errors)
    {
        if (value.GetValueKind() != JsonValueKind.Number)
        {
            return;
        }
        var number = value.GetValue<double>();
        if (schema["minimum"] is JsonValue min && number < min.GetValue<double>())
        {
            errors.Add(new FieldError(path, "FieldValueInvalid", $"Invalid value: {Format(number)}: {path} in body should be greater than or equal to {min.ToJsonString()}"));
        }
        if (schema["maximum"] is JsonValue max && number > max.GetValue<double>())
        {
            errors.Add(new FieldError(path, "FieldValueInvalid", $"Invalid value: {Format(number)}: {path} in body should be less than or equal to {max.ToJsonString()}"));
        }
    }

    private static bool TypeMatches(JsonNode value, string type) => (type, value.GetValueKind()) switch
    {
        ("object", JsonValueKind.Object) => true,
        ("array", JsonValueKind.Array) => true,
        ("string", JsonValueKind.String) => true,
        ("boolean", JsonValueKind.True or JsonValueKind.False) => true,
        ("number", JsonValueKind.Number) => true,
        ("integer", JsonValueKind.Number) => value.AsValue().TryGetValue<long>(out _),
        _ => false,
    };

    private static void Expect(bool ok, JsonNode value, string path, string expected, List<FieldError> errors)
    {
        if (!ok)
        {
            errors.Add(new FieldError(path, "FieldValueTypeInvalid", $"Invalid value: \"{Kind(value)}\": {path} in body must be of type {expected}"));
        }
    }

    private static string Kind(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.Number => value.AsValue().TryGetValue<long>(out _) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        var k => k.ToString().ToLowerInvariant(),
    };

    private static string Format(double d) => d.ToString(CultureInfo.InvariantCulture);

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
