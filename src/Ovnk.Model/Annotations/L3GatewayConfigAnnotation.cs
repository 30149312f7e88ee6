using System.Globalization;
using System.Text.Json;

namespace Ovnk.Model.Annotations;

/// <summary>
/// Codec for <c>k8s.ovn.org/l3-gateway-config</c> (upstream §3.2, <c>L3GatewayConfig.MarshalJSON</c>): a map keyed
/// <c>default</c>; the legacy single-valued <c>ip-address</c>/<c>next-hop</c> copies are written and accepted.
/// </summary>
public static class L3GatewayConfigAnnotation
{
    private const string Key = AnnotationKeys.L3GatewayConfig;

    /// <summary>The annotation value with <paramref name="config"/> as the default network's entry.</summary>
    public static string Format(L3GatewayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var wire = config.Mode == GatewayMode.Disabled
            ? new L3GatewayConfigWire("disabled", null, null, null, null, null, null, null, null, null)
            : new L3GatewayConfigWire(
                config.Mode == GatewayMode.Shared ? "shared" : "local", config.BridgeId, config.InterfaceId, config.Mac?.ToString(),
                [.. config.IpAddresses.Select(a => a.ToString())], config.IpAddresses.FirstOrDefault().Address is null ? null : config.IpAddresses[0].ToString(),
                [.. config.NextHops.Select(h => h.ToString())], config.NextHops.FirstOrDefault()?.ToString(),
                config.NodePortEnable ? "true" : "false", config.VlanId.ToString(CultureInfo.InvariantCulture));
        var map = AnnotationParse.Sorted([KeyValuePair.Create(AnnotationKeys.DefaultNetwork, wire)]);
        return JsonSerializer.Serialize(map, AnnotationJsonContext.Default.SortedDictionaryStringL3GatewayConfigWire);
    }

    /// <summary>Parses the default network's entry.</summary>
    public static AnnotationResult<L3GatewayConfig> Parse(string? value)
    {
        var json = AnnotationParse.Json(Key, value, AnnotationJsonContext.Default.SortedDictionaryStringL3GatewayConfigWire);
        if (!json.IsSuccess) return json.Cast<L3GatewayConfig>();
        if (!json.Value.TryGetValue(AnnotationKeys.DefaultNetwork, out var w))
            return AnnotationResult<L3GatewayConfig>.Fail(Key, "there is no 'default' entry");
        return w.Mode switch
        {
            "disabled" => AnnotationResult<L3GatewayConfig>.Ok(L3GatewayConfig.DisabledConfig),
            "shared" => Enabled(GatewayMode.Shared, w),
            "local" => Enabled(GatewayMode.Local, w),
            _ => AnnotationResult<L3GatewayConfig>.Fail(Key, $"mode '{w.Mode}' is not shared, local or disabled"),
        };
    }

    private static AnnotationResult<L3GatewayConfig> Enabled(GatewayMode mode, L3GatewayConfigWire w)
    {
        var mac = AnnotationParse.Mac(Key, "mac-address", w.MacAddress);
        if (!mac.IsSuccess) return mac.Cast<L3GatewayConfig>();
        var ipTexts = w.IpAddresses is { Count: > 0 } ? w.IpAddresses : w.IpAddress is { } ip ? [ip] : [];
        if (ipTexts.Count == 0) return AnnotationResult<L3GatewayConfig>.Fail(Key, "ip-addresses is empty (the node has no IP)");
        var ips = AnnotationParse.All(ipTexts, t => AnnotationParse.IfAddr(Key, "ip-addresses entry", t));
        if (!ips.IsSuccess) return ips.Cast<L3GatewayConfig>();
        var hopTexts = w.NextHops is { Count: > 0 } ? w.NextHops : w.NextHop is { Length: > 0 } h ? [h] : [];
        var hops = AnnotationParse.All(hopTexts, t => AnnotationParse.Ip(Key, "next-hops entry", t));
        if (!hops.IsSuccess) return hops.Cast<L3GatewayConfig>();
        if (w.NodePortEnable is not (null or "true" or "false"))
            return AnnotationResult<L3GatewayConfig>.Fail(Key, $"node-port-enable '{w.NodePortEnable}' is not \"true\" or \"false\"");
        var vlan = 0;
        if (w.VlanId is not null && (!int.TryParse(w.VlanId, NumberStyles.None, CultureInfo.InvariantCulture, out vlan) || vlan > 4094))
            return AnnotationResult<L3GatewayConfig>.Fail(Key, $"vlan-id '{w.VlanId}' is not a VLAN ID 0..4094");
        return AnnotationResult<L3GatewayConfig>.Ok(new L3GatewayConfig(
            mode, w.BridgeId, w.InterfaceId, mac.Value, ips.Value, hops.Value, w.NodePortEnable == "true", vlan));
    }
}
