using Ovnk.Model.Addressing;

namespace Ovnk.Model.Annotations;

/// <summary>An IPv4 and/or IPv6 interface address, as in <c>{"ipv4":"100.64.0.3/16"}</c>.</summary>
public sealed record DualStackAddress(InterfaceAddress? Ipv4, InterfaceAddress? Ipv6);
