namespace Ovnk.Linux.Netlink;

/// <summary>An address as rtnetlink lists it (RTM_NEWADDR): the link it is on, the address, its scope and label.</summary>
public sealed record AddressEntry(int LinkIndex, InterfaceAddress Address, RouteScope Scope, string? Label);
