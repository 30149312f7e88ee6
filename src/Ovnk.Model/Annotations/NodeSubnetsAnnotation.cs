using System.Net;
using System.Text.Json;

namespace Ovnk.Model.Annotations;

/// <summary>
/// Codec for <c>k8s.ovn.org/node-subnets</c>: <c>{"default":["10.244.1.0/24"]}</c>. Always written as a list; a bare
/// string per network is still accepted, as upstream accepts it (<c>pkg/util/subnet_annotations.go</c>).
/// </summary>
public static class NodeSubnetsAnnotation
{
    private const string Key = AnnotationKeys.NodeSubnets;

    /// <summary>The annotation value.</summary>
    public static string Format(IReadOnlyDictionary<string, IReadOnlyList<IPNetwork>> subnets)
    {
        ArgumentNullException.ThrowIfNull(subnets);
        var wire = AnnotationParse.Sorted(subnets.Select(kv =>
            KeyValuePair.Create(kv.Key, (IReadOnlyList<string>)[.. kv.Value.Select(s => s.ToString())])));
        return JsonSerializer.Serialize(wire, AnnotationJsonContext.Default.SortedDictionaryStringIReadOnlyListString);
    }

    /// <summary>Parses the annotation value.</summary>
    public static AnnotationResult<IReadOnlyDictionary<string, IReadOnlyList<IPNetwork>>> Parse(string? value)
    {
        var json = AnnotationParse.Json(Key, value, AnnotationJsonContext.Default.SortedDictionaryStringJsonElement);
        if (!json.IsSuccess) return json.Cast<IReadOnlyDictionary<string, IReadOnlyList<IPNetwork>>>();
        var result = new Dictionary<string, IReadOnlyList<IPNetwork>>(StringComparer.Ordinal);
        foreach (var (network, element) in json.Value)
        {
            IReadOnlyList<string?> texts = element.ValueKind switch
            {
                JsonValueKind.String => [element.GetString()],
                JsonValueKind.Array when element.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
                    [.. element.EnumerateArray().Select(e => e.GetString())],
                _ => [],
            };
            if (texts.Count == 0)
                return AnnotationResult<IReadOnlyDictionary<string, IReadOnlyList<IPNetwork>>>.Fail(Key,
                    $"network '{network}' must map to a CIDR string or a non-empty list of CIDR strings");
            var subnets = AnnotationParse.All(texts!, t => AnnotationParse.Network(Key, $"network '{network}' subnet", t));
            if (!subnets.IsSuccess) return subnets.Cast<IReadOnlyDictionary<string, IReadOnlyList<IPNetwork>>>();
            result[network] = subnets.Value;
        }
        return AnnotationResult<IReadOnlyDictionary<string, IReadOnlyList<IPNetwork>>>.Ok(result);
    }
}
