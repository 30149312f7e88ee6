using System.Net.NetworkInformation;
using Ovnk.Linux.Ethtool;
using Ovnk.Linux.Namespaces;
using Ovnk.Linux.Netlink;
using Ovnk.Model.Annotations;
using LinuxAddress = Ovnk.Linux.Netlink.InterfaceAddress;

namespace Ovnk.Node.Pods;

/// <summary>
/// The kernel side of a pod interface: the veth is created with its peer directly inside the pod netns (never moved
/// there), then the pod side gets MAC, MTU, addresses, routes and (userspace datapath) TX checksum offload off.
/// </summary>
internal static class PodWiring
{
    /// <summary>Creates and configures the veth; returns the host end's MAC. A leftover host veth of the same name (a retried ADD) is replaced.</summary>
    public static PhysicalAddress Create(RtnlClient node, PodAttachment a, int mtu, bool txChecksumOff)
    {
        if (node.GetLink(a.HostVeth) is not null) node.DeleteLink(a.HostVeth);
        // One trip into the pod netns opens both sockets; they act there from this thread (LAB-NOTES item 13).
        var (pod, ethtool) = NetNs.Run(a.NetNs, () => OpenPodSockets(a.NetNs));
        using (pod)
        using (ethtool)
        {
            // A retried ADD in the same sandbox: the old veth went with its host end above, but be sure.
            if (pod.GetLink(a.IfName) is { Kind: "veth" }) pod.DeleteLink(a.IfName);
            node.CreateVeth(new VethSpec(a.HostVeth, a.IfName, a.NetNs, mtu, PeerMac: ToPhysical(a.Network.Mac)));
            Configure(pod, a);

            // LAB-NOTES item 4: the userspace datapath never completes a checksum the pod left to offload.
            if (txChecksumOff) ethtool.SetTxChecksumming(a.IfName, false);
        }
        node.SetUp(a.HostVeth, true);
        return node.GetLink(a.HostVeth)?.Mac ?? PhysicalAddress.None;
    }

    private static (RtnlClient Pod, EthtoolSocket Ethtool) OpenPodSockets(string netNs)
    {
        var pod = RtnlClient.OpenCurrent(netNs);
        try
        {
            return (pod, EthtoolSocket.Open());
        }
        catch
        {
            pod.Dispose();
            throw;
        }
    }

    private static void Configure(RtnlClient pod, PodAttachment a)
    {
        pod.SetUp(a.IfName, true);
        foreach (var ip in a.Network.IpAddresses)
            pod.AddAddress(a.IfName, new LinuxAddress(ip.Address, ip.PrefixLength), skipDad: ip.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6);
        var index = pod.GetLink(a.IfName)!.Index;
        foreach (var gateway in a.Network.GatewayIps)
        {
            var any = gateway.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? "0.0.0.0/0" : "::/0";
            pod.ReplaceRoute(new Route(System.Net.IPNetwork.Parse(any), gateway, index));
        }
        foreach (var route in a.Network.Routes)
            pod.ReplaceRoute(new Route(route.Destination, route.NextHop, index));
    }

    /// <summary>Deletes the host veth (its peer goes with it); false when it was already gone.</summary>
    public static bool Delete(RtnlClient node, string hostVeth)
    {
        if (node.GetLink(hostVeth) is null) return false;
        try
        {
            node.DeleteLink(hostVeth);
        }
        catch (Linux.NetlinkException e) when (e.Errno == Linux.Errno.ENODEV)
        {
            return false; // gone between the check and the delete (the netns was deleted)
        }
        return true;
    }

    internal static PhysicalAddress ToPhysical(Model.Addressing.MacAddress mac) => PhysicalAddress.Parse(mac.ToString().Replace(':', '-'));

    internal static string MacText(PhysicalAddress mac) => Setup.OvsNodeSetup.MacText(mac);

    internal static PodNetwork Default(IReadOnlyDictionary<string, PodNetwork> networks) => networks[AnnotationKeys.DefaultNetwork];
}
