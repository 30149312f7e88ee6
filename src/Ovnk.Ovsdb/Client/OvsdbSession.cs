using System.Text.Json;
using Ovnk.Ovsdb.JsonRpc;
using Ovnk.Ovsdb.Transport;

namespace Ovnk.Ovsdb.Client;

/// <summary>One connection to one server. The <see cref="OvsdbClient"/> replaces it when it breaks.</summary>
internal sealed class OvsdbSession : IJsonRpcNotificationHandler, IAsyncDisposable
{
    private readonly OvsdbClient _client;

    public OvsdbSession(OvsdbClient client, OvsdbEndpoint endpoint, Stream stream, OvsdbClientOptions options)
    {
        _client = client;
        Endpoint = endpoint;
        Connection = new JsonRpcConnection(stream, this, options.MaxMessageBytes, endpoint.Kind == OvsdbTransportKind.Ssl
            ? "the server may have rejected our certificate; check that it is signed by the CA the server trusts and has not expired"
            : null);
    }

    public OvsdbEndpoint Endpoint { get; }

    public JsonRpcConnection Connection { get; }

    /// <summary>The <c>_Server</c> view of this server, when the client watches it.</summary>
    public ServerState? ServerState { get; set; }

    /// <summary>The monitor behind <see cref="ServerState"/>.</summary>
    public OvsdbMonitor? ServerMonitor { get; set; }

    public void OnNotification(string method, JsonElement parameters) => _client.OnNotification(this, method, parameters);

    public void OnClosed(Exception? reason) => _client.OnSessionClosed(this, reason);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
