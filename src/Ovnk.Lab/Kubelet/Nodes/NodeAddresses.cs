using Ovnk.Linux.Netlink;

namespace Ovnk.Lab.Kubelet.Nodes;

/// <summary>The node's IPv4 addresses (global scope, on the default route's interface when there is one), re-read at most every few seconds.</summary>
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
                var global = rtnl.ListAddresses(System.Net.Sockets.AddressFamily.InterNetwork)
                    .Where(a => a.Scope == RouteScope.Universe && !System.Net.IPAddress.IsLoopback(a.Address.Address))
                    .ToList();
                // kubelet without --node-ip reports the address of the default route's interface (eth0, or breth0
                // once the node agent moved it), not e.g. the management port's pod-subnet address.
                var defaultLink = rtnl.ListRoutes(System.Net.Sockets.AddressFamily.InterNetwork)
                    .FirstOrDefault(r => r.Destination.PrefixLength == 0 && r.OutputIndex is not null)?.OutputIndex;
                var onDefault = global.Where(a => a.LinkIndex == defaultLink).ToList();
                _ips = [.. (onDefault.Count > 0 ? onDefault : global).Select(a => a.Address.Address.ToString())];
                _readAt = DateTime.UtcNow;
                return _ips;
            }
        }
    }
}
