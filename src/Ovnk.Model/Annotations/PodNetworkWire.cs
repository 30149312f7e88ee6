using System.Text.Json.Serialization;

namespace Ovnk.Model.Annotations;

/// <summary>
/// The JSON shape of one pod-networks entry, fields in upstream's order (<c>pkg/util/pod_annotation.go</c>
/// <c>podAnnotation</c>); null fields are left out as Go's <c>omitempty</c> does.
/// </summary>
internal sealed record PodNetworkWire(
    [property: JsonPropertyName("ip_addresses")] IReadOnlyList<string>? IpAddresses,
    [property: JsonPropertyName("mac_address")] string? MacAddress,
    [property: JsonPropertyName("gateway_ips")] IReadOnlyList<string>? GatewayIps,
    [property: JsonPropertyName("routes")] IReadOnlyList<PodRouteWire>? Routes,
    [property: JsonPropertyName("ip_address")] string? IpAddress,
    [property: JsonPropertyName("gateway_ip")] string? GatewayIp,
    [property: JsonPropertyName("tunnel_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int TunnelId,
    [property: JsonPropertyName("role")] string? Role);
