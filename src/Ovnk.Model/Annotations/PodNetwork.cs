using System.Net;
using Ovnk.Model.Addressing;

namespace Ovnk.Model.Annotations;

/// <summary>One network's entry in <c>k8s.ovn.org/pod-networks</c>.</summary>
public sealed record PodNetwork(
    IReadOnlyList<InterfaceAddress> IpAddresses,
    MacAddress Mac,
    IReadOnlyList<IPAddress> GatewayIps,
    IReadOnlyList<PodRoute> Routes,
    PodNetworkRole Role = PodNetworkRole.Primary,
    int TunnelId = 0);
