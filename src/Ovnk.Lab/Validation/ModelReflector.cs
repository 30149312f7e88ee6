using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Ovnk.Lab.Validation;

/// <summary>
/// Reads KubernetesClient model types by reflection (their <c>[JsonPropertyName]</c> properties), giving the
/// schema that strict validation and the OpenAPI documents share. Results are cached per type.
/// </summary>
public static class ModelReflector
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, PropertyInfo>> Members = new();
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, Type>> Properties = new();

    /// <summary>Classifies a CLR type as a JSON shape.</summary>
    public static ModelNode Describe(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string) || t == typeof(byte[]))
        {
            return new ModelNode(ModelShape.String, t, null, t == typeof(byte[]) ? "byte" : null);
        }
        if (t == typeof(DateTime) || t == typeof(DateTimeOffset))
        {
            return new ModelNode(ModelShape.String, t, null, "date-time");
        }
        if (t == typeof(int) || t == typeof(long) || t == typeof(short))
        {
            return new ModelNode(ModelShape.Integer, t, null, t == typeof(long) ? "int64" : "int32");
        }
        if (t == typeof(double) || t == typeof(float) || t == typeof(decimal))
        {
            return new ModelNode(ModelShape.Number, t, null, "double");
        }
        if (t == typeof(bool))
        {
            return new ModelNode(ModelShape.Boolean, t, null);
        }
        if (t == typeof(IntOrString))
        {
            return new ModelNode(ModelShape.IntOrString, t, null, "int-or-string");
        }
        if (t == typeof(ResourceQuantity))
        {
            return new ModelNode(ModelShape.Quantity, t, null, "quantity");
        }
        return DescribeComposite(t);
    }

    /// <summary>The JSON properties of a model class, by JSON name, with their types.</summary>
    public static IReadOnlyDictionary<string, Type> PropertiesOf(Type type) =>
        Properties.GetOrAdd(type, static t => MembersOf(t).ToDictionary(m => m.Key, m => m.Value.PropertyType, StringComparer.Ordinal));

    /// <summary>The CLR properties behind a model class's JSON properties, by JSON name (their docs describe them).</summary>
    public static IReadOnlyDictionary<string, PropertyInfo> MembersOf(Type type) =>
        Members.GetOrAdd(type, static t =>
        {
            var map = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
            foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var name = p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
                if (name is not null)
                {
                    map[name] = p;
                }
            }
            return map;
        });

    private static ModelNode DescribeComposite(Type t)
    {
        var dictionary = FindGeneric(t, typeof(IDictionary<,>));
        if (dictionary is not null)
        {
            return new ModelNode(ModelShape.Map, t, dictionary.GetGenericArguments()[1]);
        }
        var list = FindGeneric(t, typeof(IList<>)) ?? FindGeneric(t, typeof(IEnumerable<>));
        if (list is not null)
        {
            return new ModelNode(ModelShape.Array, t, list.GetGenericArguments()[0]);
        }
        if (t.IsClass && t != typeof(object) && PropertiesOf(t).Count > 0)
        {
            return new ModelNode(ModelShape.Object, t, null);
        }
        return new ModelNode(ModelShape.Any, t, null);
    }

    private static Type? FindGeneric(Type t, Type definition)
    {
        if (t.IsGenericType && t.GetGenericTypeDefinition() == definition)
        {
            return t;
        }
        return t.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);
    }
}
