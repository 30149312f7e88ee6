using System.Net;
using System.Net.Sockets;
using Ovnk.Linux.Namespaces;
using Ovnk.Linux.Netlink;
using Ovnk.Linux.Tests.Support;

namespace Ovnk.Linux.Tests.Namespaces;

/// <summary>LAB-NOTES item 13: a socket created inside a namespace stays there, whatever thread uses it later.</summary>
public sealed class SocketInNamespaceTests
{
    [Fact]
    public async Task Listener_CreatedInNamespace_ReachableOnlyFromThatNamespace()
    {
        using var ns = new TempNetNs();
        using (var rtnl = RtnlClient.Open(ns.Path))
        {
            rtnl.SetUp("lo", true);
        }

        using var listener = NetNs.Run(ns.Path, () =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            s.Listen();
            return s;
        });
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        using var inside = NetNs.Run(ns.Path, () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        var accept = listener.AcceptAsync(timeout.Token).AsTask();
        await inside.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token);
        using var accepted = await accept.WaitAsync(timeout.Token);
        await inside.SendAsync("ping"u8.ToArray(), timeout.Token);
        var buffer = new byte[4];
        Assert.Equal(4, await accepted.ReceiveAsync(buffer, timeout.Token));
        Assert.Equal("ping"u8.ToArray(), buffer);

        // The same port on the root namespace's loopback belongs to nobody (or to someone else): our listener is not there.
        using var outside = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var reached = false;
        try
        {
            await outside.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token);
            reached = true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
        }

        Assert.False(reached && listener.Poll(TimeSpan.FromMilliseconds(200), SelectMode.SelectRead), "a root-namespace connection reached the namespaced listener");
    }
}
