using System.Net;

namespace Ovnk.Node.Setup;

/// <summary>What node setup established: the chassis name, the node's addresses on breth0 and its pod subnet.</summary>
public sealed record NodeSetupResult(string ChassisId, UplinkState Uplink, IPNetwork Subnet);
