using System.Net;
using Ovnk.Model.Addressing;

namespace Ovnk.Controller.Nodes;

/// <summary>What the cluster manager gave a node: its subnet(s), its ID and the GR join address(es) derived from it.</summary>
public sealed record NodeAssignment(IReadOnlyList<IPNetwork> Subnets, int NodeId, IReadOnlyList<InterfaceAddress> JoinAddresses);
