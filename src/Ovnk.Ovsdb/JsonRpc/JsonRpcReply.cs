using System.Text.Json;

namespace Ovnk.Ovsdb.JsonRpc;

/// <summary>A successful JSON-RPC reply. Owns the parsed document: dispose it once <see cref="Result"/> is read.</summary>
internal sealed class JsonRpcReply(JsonDocument document, JsonElement result) : IDisposable
{
    /// <summary>The <c>result</c> member.</summary>
    public JsonElement Result { get; } = result;

    public void Dispose() => document.Dispose();
}
