using System.Net.NetworkInformation;
using Ovnk.Model.Addressing;
using Ovnk.Model.Annotations;
using Ovnk.Model.Naming;
using Ovnk.Node.Ovs;
using LinuxAddress = Ovnk.Linux.Netlink.InterfaceAddress;

namespace Ovnk.Node.Setup;

/// <summary>The node annotations upstream's ovnkube-node publishes (reference §3), built purely from what setup found.</summary>
public static class NodeAnnotations
{
    /// <summary>Chassis id, shared-gateway config with breth0's MAC, primary interface address and host CIDRs.</summary>
    public static Dictionary<string, string> Gateway(string nodeName, string chassisId, UplinkState uplink)
    {
        ArgumentNullException.ThrowIfNull(uplink);
        var addresses = uplink.Addresses.Select(ToModel).ToList();
        var gateway = new L3GatewayConfig(GatewayMode.Shared, OvsNames.GatewayBridge, OvnNames.LocalnetPort(nodeName),
            ToModel(uplink.BridgeMac), addresses, uplink.Gateway is { } hop ? [hop] : [], NodePortEnable: true, VlanId: 0);
        var v4 = addresses.FirstOrDefault(a => a.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
        var v6 = addresses.FirstOrDefault(a => a.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6);
        return new(StringComparer.Ordinal)
        {
            [AnnotationKeys.NodeChassisId] = NodeChassisIdAnnotation.Format(chassisId),
            [AnnotationKeys.L3GatewayConfig] = L3GatewayConfigAnnotation.Format(gateway),
            [AnnotationKeys.NodePrimaryIfAddr] = NodePrimaryIfAddrAnnotation.Format(
                new DualStackAddress(v4.Address is null ? null : v4, v6.Address is null ? null : v6)),
            [AnnotationKeys.HostCidrs] = HostCidrsAnnotation.Format(addresses),
        };
    }

    /// <summary>The management port MAC, per network.</summary>
    public static Dictionary<string, string> ManagementMac(MacAddress mac) => new(StringComparer.Ordinal)
    {
        [AnnotationKeys.NodeMgmtPortMacAddresses] = NodeMgmtPortMacAnnotation.Format(
            new Dictionary<string, MacAddress> { [AnnotationKeys.DefaultNetwork] = mac }),
    };

    /// <summary>The entries of <paramref name="desired"/> that <paramref name="current"/> lacks or holds differently.</summary>
    public static Dictionary<string, string> Changes(IDictionary<string, string>? current, IReadOnlyDictionary<string, string> desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        return desired.Where(p => current is null || !current.TryGetValue(p.Key, out var v) || v != p.Value)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }

    /// <summary>The node IPs and next hop this agent published before (l3-gateway-config), if any.</summary>
    public static (IReadOnlyList<LinuxAddress> Addresses, System.Net.IPAddress? Gateway)? PublishedGateway(k8s.Models.V1Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Metadata.Annotations is not { } annotations || !annotations.TryGetValue(AnnotationKeys.L3GatewayConfig, out var text)) return null;
        var parsed = L3GatewayConfigAnnotation.Parse(text);
        if (!parsed.IsSuccess || parsed.Value.IpAddresses.Count == 0) return null;
        return ([.. parsed.Value.IpAddresses.Select(a => new LinuxAddress(a.Address, a.PrefixLength))], parsed.Value.NextHops.FirstOrDefault());
    }

    internal static InterfaceAddress ToModel(LinuxAddress address) => new(address.Address, address.PrefixLength);

    internal static MacAddress ToModel(PhysicalAddress mac) =>
        new(mac.GetAddressBytes().Aggregate(0UL, (value, b) => (value << 8) | b));
}
