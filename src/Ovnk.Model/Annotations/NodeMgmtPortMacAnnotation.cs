using System.Text.Json;
using Ovnk.Model.Addressing;

namespace Ovnk.Model.Annotations;

/// <summary>
/// Codec for the management port MAC: <c>k8s.ovn.org/node-mgmt-port-mac-addresses</c> (<c>{"default":"ca:53:…"}</c>),
/// falling back to the older single-valued <c>k8s.ovn.org/node-mgmt-port-mac-address</c>.
/// </summary>
public static class NodeMgmtPortMacAnnotation
{
    /// <summary>The per-network annotation value.</summary>
    public static string Format(IReadOnlyDictionary<string, MacAddress> macs)
    {
        ArgumentNullException.ThrowIfNull(macs);
        var wire = AnnotationParse.Sorted(macs.Select(kv => KeyValuePair.Create(kv.Key, kv.Value.ToString())));
        return JsonSerializer.Serialize(wire, AnnotationJsonContext.Default.SortedDictionaryStringString);
    }

    /// <summary>Parses the per-network annotation value.</summary>
    public static AnnotationResult<IReadOnlyDictionary<string, MacAddress>> Parse(string? value)
    {
        const string key = AnnotationKeys.NodeMgmtPortMacAddresses;
        var json = AnnotationParse.Json(key, value, AnnotationJsonContext.Default.SortedDictionaryStringString);
        if (!json.IsSuccess) return json.Cast<IReadOnlyDictionary<string, MacAddress>>();
        var result = new Dictionary<string, MacAddress>(StringComparer.Ordinal);
        foreach (var (network, text) in json.Value)
        {
            var mac = AnnotationParse.Mac(key, $"network '{network}'", text);
            if (!mac.IsSuccess) return mac.Cast<IReadOnlyDictionary<string, MacAddress>>();
            result[network] = mac.Value;
        }
        return AnnotationResult<IReadOnlyDictionary<string, MacAddress>>.Ok(result);
    }

    /// <summary>The default network's MAC from a node's annotations: the per-network key first, then the legacy key.</summary>
    public static AnnotationResult<MacAddress> FromAnnotations(IReadOnlyDictionary<string, string>? annotations)
    {
        if (annotations is not null && annotations.TryGetValue(AnnotationKeys.NodeMgmtPortMacAddresses, out var map))
        {
            var parsed = Parse(map);
            if (!parsed.IsSuccess) return parsed.Cast<MacAddress>();
            return parsed.Value.TryGetValue(AnnotationKeys.DefaultNetwork, out var mac)
                ? AnnotationResult<MacAddress>.Ok(mac)
                : AnnotationResult<MacAddress>.Fail(AnnotationKeys.NodeMgmtPortMacAddresses, "there is no 'default' entry");
        }
        if (annotations is not null && annotations.TryGetValue(AnnotationKeys.NodeMgmtPortMacAddress, out var legacy))
            return AnnotationParse.Mac(AnnotationKeys.NodeMgmtPortMacAddress, "value", legacy);
        return AnnotationResult<MacAddress>.Fail(AnnotationKeys.NodeMgmtPortMacAddresses, "the annotation is missing (the node agent has not started yet)");
    }
}
