using System.Text.Json.Serialization;

namespace Ovnk.Cni.Protocol;

/// <summary>
/// The agent's 200 answer (upstream's <c>Response</c>, untagged Go field names). <see cref="Result"/> is set for
/// ADD and absent for DEL/CHECK/GC/STATUS, which print nothing on success. A failure is not a response: it is a
/// non-200 status whose body is a <see cref="CniError"/>.
/// </summary>
public sealed record CniResponse([property: JsonPropertyName("Result")] CniResult? Result);
