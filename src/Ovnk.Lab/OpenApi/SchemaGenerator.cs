using System.Text.Json.Nodes;
using Ovnk.Lab.Validation;

namespace Ovnk.Lab.OpenApi;

/// <summary>
/// Builds OpenAPI v3 component schemas from KubernetesClient model types (the same reflection strict validation
/// uses, so what kubectl explains is what the server accepts).
/// </summary>
public sealed class SchemaGenerator
{
    private readonly JsonObject _components = [];

    /// <summary>The component schemas generated so far, by name.</summary>
    public JsonObject Components => _components;

    /// <summary>The component name of a model type.</summary>
    public static string NameOf(Type type) => "io.k8s.ovnk." + type.Name;

    /// <summary>Adds the schema of <paramref name="model"/> (and everything it references) and tags it with its GVK.</summary>
    public void AddRoot(Type model, string group, string version, string kind)
    {
        SchemaFor(model);
        var schema = (JsonObject)_components[NameOf(model)]!;
        schema["x-kubernetes-group-version-kind"] = new JsonArray(
            new JsonObject { ["group"] = group, ["kind"] = kind, ["version"] = version });
    }

    /// <summary>The schema (inline for scalars, a $ref for objects) of <paramref name="type"/>.</summary>
    public JsonObject SchemaFor(Type type)
    {
        var node = ModelReflector.Describe(type);
        return node.Shape switch
        {
            ModelShape.Object => Reference(node.Type),
            ModelShape.Map => new JsonObject { ["type"] = "object", ["additionalProperties"] = SchemaFor(node.Element!) },
            ModelShape.Array => new JsonObject { ["type"] = "array", ["items"] = SchemaFor(node.Element!) },
            ModelShape.IntOrString => new JsonObject { ["x-kubernetes-int-or-string"] = true },
            ModelShape.Quantity => new JsonObject { ["x-kubernetes-int-or-string"] = true },
            ModelShape.Any => new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
            _ => Scalar(node),
        };
    }

    private static JsonObject Scalar(ModelNode node)
    {
        var schema = new JsonObject { ["type"] = node.Shape.ToString().ToLowerInvariant() };
        if (node.Format is not null)
        {
            schema["format"] = node.Format;
        }
        return schema;
    }

    /// <summary>
    /// Adds the field's description. A $ref cannot carry siblings in OpenAPI 3.0, so it is wrapped in allOf, as the
    /// real API server's documents do (kubectl explain reads both forms).
    /// </summary>
    private static JsonObject Described(JsonObject schema, Type owner, System.Reflection.PropertyInfo property)
    {
        if (ModelDocs.OfProperty(owner, property) is not { } description)
        {
            return schema;
        }
        if (schema.ContainsKey("$ref"))
        {
            return new JsonObject { ["allOf"] = new JsonArray(schema), ["description"] = description };
        }
        schema["description"] = description;
        return schema;
    }

    private JsonObject Reference(Type type)
    {
        var name = NameOf(type);
        if (!_components.ContainsKey(name))
        {
            var properties = new JsonObject();
            var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
            if (ModelDocs.OfType(type) is { } description)
            {
                schema["description"] = description;
            }
            _components[name] = schema; // before recursing: model types are recursive (JSONSchemaProps)
            foreach (var (propertyName, property) in ModelReflector.MembersOf(type))
            {
                properties[propertyName] = Described(SchemaFor(property.PropertyType), type, property);
            }
        }
        return new JsonObject { ["$ref"] = "#/components/schemas/" + name };
    }
}
