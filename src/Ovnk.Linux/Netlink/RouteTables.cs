namespace Ovnk.Linux.Netlink;

/// <summary>The reserved routing table ids (RT_TABLE_*, rtnetlink.h); any other id up to 2^32-1 is a custom table.</summary>
public static class RouteTables
{
    public const uint Default = 253;
    public const uint Main = 254;
    public const uint Local = 255;
}
