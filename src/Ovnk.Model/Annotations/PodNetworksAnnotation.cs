using System.Net;
using System.Text.Json;
using Ovnk.Model.Addressing;

namespace Ovnk.Model.Annotations;

/// <summary>
/// Codec for <c>k8s.ovn.org/pod-networks</c> (upstream §3.1, <c>pkg/util/pod_annotation.go</c>): a map from network
/// name (<c>default</c>) to <see cref="PodNetwork"/>. Format writes the legacy <c>ip_address</c>/<c>gateway_ip</c>
/// copies when there is exactly one, as upstream does; Parse falls back to them when the lists are absent.
/// </summary>
public static class PodNetworksAnnotation
{
    private const string Key = AnnotationKeys.PodNetworks;

    /// <summary>The annotation value for <paramref name="networks"/>.</summary>
    public static string Format(IReadOnlyDictionary<string, PodNetwork> networks)
    {
        ArgumentNullException.ThrowIfNull(networks);
        var wire = AnnotationParse.Sorted(networks.Select(kv => KeyValuePair.Create(kv.Key, ToWire(kv.Value))));
        return JsonSerializer.Serialize(wire, AnnotationJsonContext.Default.SortedDictionaryStringPodNetworkWire);
    }

    /// <summary>Parses the annotation value; a typed error names what is malformed.</summary>
    public static AnnotationResult<IReadOnlyDictionary<string, PodNetwork>> Parse(string? value)
    {
        var json = AnnotationParse.Json(Key, value, AnnotationJsonContext.Default.SortedDictionaryStringPodNetworkWire);
        if (!json.IsSuccess) return json.Cast<IReadOnlyDictionary<string, PodNetwork>>();
        var result = new Dictionary<string, PodNetwork>(StringComparer.Ordinal);
        foreach (var (network, wire) in json.Value)
        {
            var entry = FromWire(network, wire);
            if (!entry.IsSuccess) return entry.Cast<IReadOnlyDictionary<string, PodNetwork>>();
            result[network] = entry.Value;
        }
        return AnnotationResult<IReadOnlyDictionary<string, PodNetwork>>.Ok(result);
    }

    private static PodNetworkWire ToWire(PodNetwork n) => new(
        IpAddresses: [.. n.IpAddresses.Select(a => a.ToString())],
        MacAddress: n.Mac.ToString(),
        GatewayIps: n.GatewayIps.Count > 0 ? [.. n.GatewayIps.Select(g => g.ToString())] : null,
        Routes: n.Routes.Count > 0 ? [.. n.Routes.Select(r => new PodRouteWire(r.Destination.ToString(), r.NextHop.ToString()))] : null,
        IpAddress: n.IpAddresses.Count == 1 ? n.IpAddresses[0].ToString() : null,
        GatewayIp: n.IpAddresses.Count == 1 && n.GatewayIps.Count == 1 ? n.GatewayIps[0].ToString() : null,
        TunnelId: n.TunnelId,
        Role: RoleText(n.Role));

    private static AnnotationResult<PodNetwork> FromWire(string network, PodNetworkWire w)
    {
        var ipTexts = w.IpAddresses is { Count: > 0 } ? w.IpAddresses : w.IpAddress is { } one ? [one] : [];
        if (ipTexts.Count == 0) return AnnotationResult<PodNetwork>.Fail(Key, $"network '{network}' has no ip_addresses");
        var ips = AnnotationParse.All(ipTexts, t => AnnotationParse.IfAddr(Key, $"network '{network}' ip_addresses entry", t));
        if (!ips.IsSuccess) return ips.Cast<PodNetwork>();
        var mac = AnnotationParse.Mac(Key, $"network '{network}' mac_address", w.MacAddress);
        if (!mac.IsSuccess) return mac.Cast<PodNetwork>();
        var gwTexts = w.GatewayIps is { Count: > 0 } ? w.GatewayIps : w.GatewayIp is { Length: > 0 } g ? [g] : [];
        var gateways = AnnotationParse.All(gwTexts, t => AnnotationParse.Ip(Key, $"network '{network}' gateway_ips entry", t));
        if (!gateways.IsSuccess) return gateways.Cast<PodNetwork>();
        var routes = ParseRoutes(network, w.Routes);
        if (!routes.IsSuccess) return routes.Cast<PodNetwork>();
        if (ParseRole(w.Role) is not { } role)
            return AnnotationResult<PodNetwork>.Fail(Key, $"network '{network}' role '{w.Role}' is not primary, secondary or infrastructure-locked");
        return AnnotationResult<PodNetwork>.Ok(new PodNetwork(ips.Value, mac.Value, gateways.Value, routes.Value, role, w.TunnelId));
    }

    private static AnnotationResult<IReadOnlyList<PodRoute>> ParseRoutes(string network, IReadOnlyList<PodRouteWire>? wires)
    {
        var routes = new List<PodRoute>();
        foreach (var r in wires ?? [])
        {
            var dest = AnnotationParse.Network(Key, $"network '{network}' route dest", r.Dest);
            if (!dest.IsSuccess) return dest.Cast<IReadOnlyList<PodRoute>>();
            var hop = AnnotationParse.Ip(Key, $"network '{network}' route nextHop", r.NextHop);
            if (!hop.IsSuccess) return hop.Cast<IReadOnlyList<PodRoute>>();
            routes.Add(new PodRoute(dest.Value, hop.Value));
        }
        return AnnotationResult<IReadOnlyList<PodRoute>>.Ok(routes);
    }

    private static string? RoleText(PodNetworkRole role) => role switch
    {
        PodNetworkRole.Primary => "primary",
        PodNetworkRole.Secondary => "secondary",
        PodNetworkRole.InfrastructureLocked => "infrastructure-locked",
        _ => null,
    };

    private static PodNetworkRole? ParseRole(string? text) => text switch
    {
        null or "" => PodNetworkRole.Unspecified,
        "primary" => PodNetworkRole.Primary,
        "secondary" => PodNetworkRole.Secondary,
        "infrastructure-locked" => PodNetworkRole.InfrastructureLocked,
        _ => null,
    };

    /// <summary>Upstream's default-network entry for a plain pod: gateway .1, routes via .1 (cluster, service, join...).</summary>
    public static PodNetwork DefaultEntry(InterfaceAddress podIp, IPAddress gateway, IEnumerable<IPNetwork> routedVia) =>
        new([podIp], MacAddress.ForIp(podIp.Address), [gateway], [.. routedVia.Select(d => new PodRoute(d, gateway))]);
}
