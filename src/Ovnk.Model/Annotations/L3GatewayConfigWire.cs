using System.Text.Json.Serialization;

namespace Ovnk.Model.Annotations;

/// <summary>The JSON shape of one <c>k8s.ovn.org/l3-gateway-config</c> entry, fields in upstream's order.</summary>
internal sealed record L3GatewayConfigWire(
    [property: JsonPropertyName("mode")] string? Mode,
    [property: JsonPropertyName("bridge-id")] string? BridgeId,
    [property: JsonPropertyName("interface-id")] string? InterfaceId,
    [property: JsonPropertyName("mac-address")] string? MacAddress,
    [property: JsonPropertyName("ip-addresses")] IReadOnlyList<string>? IpAddresses,
    [property: JsonPropertyName("ip-address")] string? IpAddress,
    [property: JsonPropertyName("next-hops")] IReadOnlyList<string>? NextHops,
    [property: JsonPropertyName("next-hop")] string? NextHop,
    [property: JsonPropertyName("node-port-enable")] string? NodePortEnable,
    [property: JsonPropertyName("vlan-id")] string? VlanId);
