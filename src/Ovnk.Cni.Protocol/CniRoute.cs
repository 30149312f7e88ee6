using System.Text.Json.Serialization;

namespace Ovnk.Cni.Protocol;

/// <summary>One entry of a result's <c>routes</c>; <see cref="Mtu"/> is printed only at 1.1.0.</summary>
public sealed record CniRoute(
    [property: JsonPropertyName("dst")] string Dst,
    [property: JsonPropertyName("gw")] string? Gw = null,
    [property: JsonPropertyName("mtu")] int? Mtu = null);
