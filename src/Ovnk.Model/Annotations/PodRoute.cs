using System.Net;

namespace Ovnk.Model.Annotations;

/// <summary>One route in a pod's network annotation: destination CIDR via next hop.</summary>
public sealed record PodRoute(IPNetwork Destination, IPAddress NextHop);
