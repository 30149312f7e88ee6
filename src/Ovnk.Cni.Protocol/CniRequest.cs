using System.Text.Json.Serialization;

namespace Ovnk.Cni.Protocol;

/// <summary>
/// What the plugin POSTs to the agent (upstream's shim protocol, pkg/cni/types.go <c>Request</c>): the CNI
/// environment and the stdin bytes, which JSON carries base64-encoded exactly as Go's <c>[]byte</c> does.
/// Unlike upstream we forward only the <c>CNI_*</c> variables, not the runtime's whole environment.
/// </summary>
public sealed record CniRequest(
    [property: JsonPropertyName("env")] IReadOnlyDictionary<string, string> Env,
    [property: JsonPropertyName("config")] byte[] Config);
