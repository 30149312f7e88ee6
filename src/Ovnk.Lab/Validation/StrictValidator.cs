using System.Text.Json;

namespace Ovnk.Lab.Validation;

/// <summary>
/// Strict decoding as kube-apiserver does with <c>fieldValidation=Strict</c>: every field must be known to the
/// type, no field may appear twice, and scalar types must match. All failures are collected, not just the first.
/// </summary>
public static class StrictValidator
{
    /// <summary>Validates <paramref name="root"/> against model type <paramref name="model"/>.</summary>
    public static IReadOnlyList<FieldError> Validate(JsonElement root, Type model)
    {
        var errors = new List<FieldError>();
        Walk(root, model, "", errors);
        return errors;
    }

    private static void Walk(JsonElement value, Type type, string path, List<FieldError> errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        var node = ModelReflector.Describe(type);
        switch (node.Shape)
        {
            case ModelShape.Object:
                WalkObject(value, node.Type, path, errors);
                break;
            case ModelShape.Map when value.ValueKind == JsonValueKind.Object:
                CheckDuplicates(value, path, errors);
                foreach (var p in value.EnumerateObject())
                {
                    Walk(p.Value, node.Element!, Join(path, p.Name), errors);
                }
                break;
            case ModelShape.Array when value.ValueKind == JsonValueKind.Array:
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Walk(item, node.Element!, $"{path}[{i++}]", errors);
                }
                break;
            default:
                CheckScalar(value, node, path, errors);
                break;
        }
    }

    private static void WalkObject(JsonElement value, Type type, string path, List<FieldError> errors)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(Mismatch(path, value, "object"));
            return;
        }
        CheckDuplicates(value, path, errors);
        var properties = ModelReflector.PropertiesOf(type);
        foreach (var p in value.EnumerateObject())
        {
            if (properties.TryGetValue(p.Name, out var propertyType))
            {
                Walk(p.Value, propertyType, Join(path, p.Name), errors);
            }
            else
            {
                errors.Add(new FieldError(Join(path, p.Name), "FieldValueInvalid", $"unknown field \"{Join(path, p.Name)}\""));
            }
        }
    }

    private static void CheckScalar(JsonElement value, ModelNode node, string path, List<FieldError> errors)
    {
        var kind = value.ValueKind;
        var ok = node.Shape switch
        {
            ModelShape.String => kind == JsonValueKind.String,
            ModelShape.Integer => kind == JsonValueKind.Number && value.TryGetInt64(out _),
            ModelShape.Number => kind == JsonValueKind.Number,
            ModelShape.Boolean => kind is JsonValueKind.True or JsonValueKind.False,
            ModelShape.IntOrString => kind is JsonValueKind.String or JsonValueKind.Number,
            ModelShape.Quantity => kind is JsonValueKind.String or JsonValueKind.Number,
            ModelShape.Map => false,
            ModelShape.Array => false,
            _ => true,
        };
        if (!ok)
        {
            errors.Add(Mismatch(path, value, ExpectedName(node.Shape)));
        }
    }

    private static void CheckDuplicates(JsonElement value, string path, List<FieldError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in value.EnumerateObject())
        {
            if (!seen.Add(p.Name))
            {
                errors.Add(new FieldError(Join(path, p.Name), "FieldValueDuplicate", $"duplicate field \"{Join(path, p.Name)}\""));
            }
        }
    }

    private static FieldError Mismatch(string path, JsonElement value, string expected) =>
        new(path, "FieldValueInvalid",
            $"Invalid value: \"{value.ValueKind.ToString().ToLowerInvariant()}\": expected {expected}");

    private static string ExpectedName(ModelShape shape) => shape switch
    {
        ModelShape.Map => "map",
        ModelShape.Array => "list",
        ModelShape.IntOrString => "integer or string",
        ModelShape.Quantity => "quantity",
        _ => shape.ToString().ToLowerInvariant(),
    };

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
