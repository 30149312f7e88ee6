using System.Text.Json.Serialization;

namespace Ovnk.Model.Annotations;

/// <summary>The JSON shape of a pod route (<c>podRoute</c> upstream: <c>dest</c>, <c>nextHop</c>).</summary>
internal sealed record PodRouteWire(
    [property: JsonPropertyName("dest")] string? Dest,
    [property: JsonPropertyName("nextHop")] string? NextHop);
