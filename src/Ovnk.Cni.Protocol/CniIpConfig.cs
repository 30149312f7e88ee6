using System.Text.Json.Serialization;

namespace Ovnk.Cni.Protocol;

/// <summary>
/// One entry of a result's <c>ips</c>: <see cref="Address"/> in CIDR notation with the host bits kept
/// (<c>10.244.1.5/24</c>), the gateway of its family, and the index into <c>interfaces</c> it lives on.
/// Strings, because this is the spec's wire form; the agent builds it from typed addresses.
/// </summary>
public sealed record CniIpConfig(
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("gateway")] string? Gateway = null,
    [property: JsonPropertyName("interface")] int? Interface = null)
{
    /// <summary>"4" or "6": the <c>version</c> field that results before 1.0.0 carry.</summary>
    public string Family => Address.Contains(':', StringComparison.Ordinal) ? "6" : "4";
}
