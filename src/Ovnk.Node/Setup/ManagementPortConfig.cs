using System.Net;
using System.Net.NetworkInformation;
using Ovnk.Linux.Netlink;
using Ovnk.Linux.Sysctl;
using Ovnk.Model.Addressing;
using Ovnk.Node.Ovs;
using LinuxAddress = Ovnk.Linux.Netlink.InterfaceAddress;

namespace Ovnk.Node.Setup;

/// <summary>
/// The Linux side of ovn-k8s-mp0 (reference §5.3): address <c>.2</c> of the node subnet, the cluster CIDR routed via
/// <c>.1</c>, and a permanent neighbour for <c>.1</c> with the router port's MAC (OVN drops ARP from a source outside
/// the subnet). Each step checks first, so a second run changes nothing.
/// </summary>
internal static class ManagementPortConfig
{
    public static IPAddress Address(IPNetwork subnet) => IpMath.Offset(subnet, 2);

    public static IPAddress Gateway(IPNetwork subnet) => IpMath.Offset(subnet, 1);

    /// <summary>upstream: the management port MAC is derived from its IP (0a:58 + the IPv4 bytes).</summary>
    public static MacAddress Mac(IPNetwork subnet) => MacAddress.ForIp(Address(subnet));

    public static void Run(RtnlClient rtnl, IPNetwork subnet, IPNetwork clusterCidr, int mtu)
    {
        const string name = OvsNames.ManagementPort;
        var link = rtnl.GetLink(name) ?? throw new NodeSetupException($"{name} has no kernel interface", "ovs-vswitchd must be running in the node's network namespace");
        var mac = PhysicalAddress.Parse(Mac(subnet).ToString().Replace(':', '-'));
        if (!Equals(link.Mac, mac)) rtnl.SetMac(name, mac);
        if (link.Mtu != mtu) rtnl.SetMtu(name, mtu);
        if (!link.IsUp) rtnl.SetUp(name, true);
        var address = new LinuxAddress(Address(subnet), subnet.PrefixLength);
        if (!rtnl.ListAddresses(name).Any(a => a.Address == address)) rtnl.AddAddress(name, address);
        var gateway = Gateway(subnet);
        var route = new Route(clusterCidr, gateway, link.Index);
        if (!rtnl.ListRoutes(route.Destination.BaseAddress.AddressFamily).Any(r => r.Destination == clusterCidr && Equals(r.Gateway, gateway) && r.OutputIndex == link.Index))
            rtnl.ReplaceRoute(route);
        var routerMac = PhysicalAddress.Parse(MacAddress.ForIp(gateway).ToString().Replace(':', '-'));
        if (!rtnl.ListNeighbours(gateway.AddressFamily).Any(n => n.LinkIndex == link.Index && n.Address.Equals(gateway) && Equals(n.Mac, routerMac) && n.State == NeighbourState.Permanent))
            rtnl.ReplaceNeighbour(name, gateway, routerMac);
    }

    /// <summary>Loose reverse-path filtering on the management port (upstream); call inside the node's namespace.</summary>
    public static void LooseReversePath()
    {
        var key = SysctlKey.InterfaceConf(OvsNames.ManagementPort, "rp_filter");
        if (Sysctls.Read(key) != "2") Sysctls.Write(key, "2");
    }
}
