using System.Net;
using k8s.Models;
using Ovnk.Model.Annotations;

namespace Ovnk.Node.Setup;

/// <summary>
/// Pure: which entries the userspace tunnel neighbour cache must hold (every other node's IP → its breth0 MAC, from
/// its l3-gateway-config) and what `tnl/neigh/show` reports. OVS's userspace datapath drops the first packet to an
/// unknown VTEP instead of queueing it behind the ARP (LAB-NOTES item 6), so the agent seeds the cache.
/// </summary>
public static class TunnelNeighbours
{
    public static IReadOnlySet<(IPAddress Ip, string Mac)> Desired(IEnumerable<V1Node> nodes, string self)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var entries = new HashSet<(IPAddress, string)>();
        foreach (var node in nodes.Where(n => n.Metadata.Name != self))
        {
            if (node.Metadata.Annotations is not { } annotations || !annotations.TryGetValue(AnnotationKeys.L3GatewayConfig, out var text)) continue;
            var parsed = L3GatewayConfigAnnotation.Parse(text);
            if (!parsed.IsSuccess || parsed.Value.Mac is not { } mac) continue;
            foreach (var address in parsed.Value.IpAddresses.Where(a => a.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork))
                entries.Add((address.Address, mac.ToString()));
        }
        return entries;
    }

    /// <summary>Parses `tnl/neigh/show` (columns IP, MAC, bridge after a header and a rule of '=').</summary>
    public static IReadOnlySet<(IPAddress Ip, string Mac)> ParseShow(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new HashSet<(IPAddress, string)>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 2 && IPAddress.TryParse(fields[0], out var ip)) entries.Add((ip, fields[1].ToLowerInvariant()));
        }
        return entries;
    }
}
