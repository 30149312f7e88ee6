using System.Text.Json.Serialization;

namespace Ovnk.Cni.Protocol;

/// <summary>Source-generated JSON for the wire records (the plugin is NativeAOT: no reflection).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CniRequest))]
[JsonSerializable(typeof(CniResponse))]
[JsonSerializable(typeof(CniError))]
public sealed partial class CniProtocolJsonContext : JsonSerializerContext;
