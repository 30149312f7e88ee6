using System.Net;
using System.Net.NetworkInformation;

namespace Ovnk.Linux.Netlink;

/// <summary>A neighbour (ARP / NDP) entry: IP → MAC on a link.</summary>
public sealed record Neighbour(int LinkIndex, IPAddress Address, PhysicalAddress? Mac, NeighbourState State);
