using Ovnk.Linux.Netlink;

namespace Ovnk.Lab.Kubelet.Nodes;

/// <summary>The node's IPv4 addresses (global scope, in its network namespace), re-read at most every few seconds.</summary>
public sealed class NodeAddresses(string netNs)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private readonly Lock _lock = new();
    private IReadOnlyList<string> _ips = [];
    private DateTime _readAt = DateTime.MinValue;

    public IReadOnlyList<string> Current
    {
        get
        {
            lock (_lock)
            {
                if (DateTime.UtcNow - _readAt < MaxAge) return _ips;
                using var rtnl = RtnlClient.Open(netNs);
                _ips = [.. rtnl.ListAddresses(System.Net.Sockets.AddressFamily.InterNetwork)
                    .Where(a => a.Scope == RouteScope.Universe && !System.Net.IPAddress.IsLoopback(a.Address.Address))
                    .Select(a => a.Address.Address.ToString())];
                _readAt = DateTime.UtcNow;
                return _ips;
            }
        }
    }
}
