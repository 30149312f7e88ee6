using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ovnk.Model.Annotations;

/// <summary>Source-generated JSON for every annotation shape (no reflection; compact as upstream's Go marshalling).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
[JsonSerializable(typeof(SortedDictionary<string, PodNetworkWire>))]
[JsonSerializable(typeof(SortedDictionary<string, L3GatewayConfigWire>))]
[JsonSerializable(typeof(SortedDictionary<string, JsonElement>))]
[JsonSerializable(typeof(SortedDictionary<string, IReadOnlyList<string>>))]
[JsonSerializable(typeof(SortedDictionary<string, string>))]
[JsonSerializable(typeof(DualStackAddressWire))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class AnnotationJsonContext : JsonSerializerContext;
