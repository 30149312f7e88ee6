using System.Net.Sockets;
using Ovnk.Linux.Namespaces;

namespace Ovnk.Lab.Http;

/// <summary>
/// Opens a listening TCP socket inside another network namespace (LAB-NOTES item 13): the socket is created, bound
/// and put into listen state on a dedicated namespace thread and stays in that namespace; Kestrel then serves it via
/// ListenHandle from any thread.
/// </summary>
internal static class NetNsListener
{
    // Kestrel's own default backlog (KestrelServerOptions / SocketTransportOptions.Backlog).
    private const int Backlog = 512;

    public static Socket Open(NetNsEndpoint endpoint)
    {
        if (!File.Exists(endpoint.NetNsPath))
        {
            throw new IOException($"network namespace {endpoint.NetNsPath} does not exist; create it first (ip netns add, or start the lab node)");
        }
        return NamespaceRunner.Run(NamespaceSet.Net(endpoint.NetNsPath), () =>
        {
            var socket = new Socket(endpoint.Endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                socket.Bind(endpoint.Endpoint);
                socket.Listen(Backlog);
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        });
    }
}
