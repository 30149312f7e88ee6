using System.Text.Json.Serialization;

namespace Ovnk.Model.Annotations;

/// <summary>The JSON shape <c>{"ipv4":"…","ipv6":"…"}</c> used by several node annotations.</summary>
internal sealed record DualStackAddressWire(
    [property: JsonPropertyName("ipv4")] string? Ipv4,
    [property: JsonPropertyName("ipv6")] string? Ipv6);
