using System.Text.Json.Serialization;

namespace Ovnk.Cni.Protocol;

/// <summary>The result's <c>dns</c> object; empty lists are omitted on output.</summary>
public sealed record CniDns(
    [property: JsonPropertyName("nameservers")] IReadOnlyList<string>? Nameservers = null,
    [property: JsonPropertyName("domain")] string? Domain = null,
    [property: JsonPropertyName("search")] IReadOnlyList<string>? Search = null,
    [property: JsonPropertyName("options")] IReadOnlyList<string>? Options = null);
