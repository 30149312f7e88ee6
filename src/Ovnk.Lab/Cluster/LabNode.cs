using System.Net;
using System.Net.NetworkInformation;

namespace Ovnk.Lab.Cluster;

/// <summary>One lab node as planned: its name (= its /run/netns name), underlay address and link names.</summary>
/// <param name="Index">0 for the control plane, 1.. for workers.</param>
/// <param name="UnderlayLink">The veth end on the underlay bridge (inside the underlay namespace).</param>
/// <param name="Mac">eth0's MAC: docker's 02:42 + the IPv4 address, so it is stable across `lab up` repairs.</param>
/// <param name="PodSubnet">The node's pod subnet in bridge mode (Ovnk allocates its own).</param>
public sealed record LabNode(string Name, int Index, bool ControlPlane, IPAddress Ip, PhysicalAddress Mac, string UnderlayLink, IPNetwork PodSubnet)
{
    /// <summary>The node's eth0 address with the underlay prefix.</summary>
    public string IpWithPrefix => $"{Ip}/{LabNetwork.Underlay.PrefixLength}";
}
