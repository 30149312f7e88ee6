using System.Text.Json.Serialization;

namespace Ovnk.Cni.Protocol;

/// <summary>
/// One entry of a result's <c>interfaces</c>. A host-side interface has no <see cref="Sandbox"/>; chained plugins
/// (bandwidth, portmap) find it that way. <see cref="Mtu"/> is printed only at 1.1.0 (SPEC.md, Result).
/// </summary>
public sealed record CniInterface(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("mac")] string? Mac = null,
    [property: JsonPropertyName("sandbox")] string? Sandbox = null,
    [property: JsonPropertyName("mtu")] int? Mtu = null);
