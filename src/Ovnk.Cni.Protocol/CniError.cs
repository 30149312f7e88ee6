using System.Text.Json.Serialization;

namespace Ovnk.Cni.Protocol;

/// <summary>
/// The spec's Error object (SPEC.md §5): printed on stdout with a non-zero exit, and the body of a failed
/// agent response. <c>details</c> is omitted when empty, as libcni does.
/// </summary>
public sealed record CniError(
    [property: JsonPropertyName("code")] CniErrorCode Code,
    [property: JsonPropertyName("msg")] string Msg,
    [property: JsonPropertyName("details")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? Details = null)
{
    /// <summary>The spec version the error is reported in; set by whoever prints it.</summary>
    [JsonPropertyName("cniVersion")]
    [JsonPropertyOrder(-1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CniVersion { get; init; }
}
