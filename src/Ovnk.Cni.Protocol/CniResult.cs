using System.Text.Json.Serialization;

namespace Ovnk.Cni.Protocol;

/// <summary>
/// A version-neutral CNI result (the 1.1.0 shape). The agent returns it; the plugin prints it in the version the
/// runtime asked for with <see cref="CniResultWriter"/>.
/// </summary>
public sealed record CniResult(
    [property: JsonPropertyName("interfaces")] IReadOnlyList<CniInterface> Interfaces,
    [property: JsonPropertyName("ips")] IReadOnlyList<CniIpConfig> Ips,
    [property: JsonPropertyName("routes")] IReadOnlyList<CniRoute>? Routes = null,
    [property: JsonPropertyName("dns")] CniDns? Dns = null);
