using System.Text.Json;

namespace Ovnk.Ovsdb.JsonRpc;

/// <summary>
/// Receives notifications (<c>update</c>, <c>update2</c>, <c>update3</c>, <c>locked</c>, <c>stolen</c>, …) on the
/// connection's read loop, one at a time and in order, so a cache can apply them synchronously. The
/// <paramref name="parameters"/> element is valid only during the call.
/// </summary>
internal interface IJsonRpcNotificationHandler
{
    void OnNotification(string method, JsonElement parameters);

    /// <summary>The connection closed; <paramref name="reason"/> is null for a close we asked for.</summary>
    void OnClosed(Exception? reason);
}
