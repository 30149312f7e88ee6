using System.Net;

namespace Ovnk.Translation.Topology;

/// <summary>
/// Cluster-wide network settings (upstream §2.1; kind's defaults). Lists, not single values, so dual-stack adds an
/// IPv6 entry to each without changing the shape; today the controller fills the IPv4 entries only.
/// </summary>
public sealed record ClusterConfig(
    IReadOnlyList<IPNetwork> ClusterCidrs,
    IReadOnlyList<IPNetwork> JoinSubnets,
    IReadOnlyList<IPNetwork> ServiceCidrs,
    int HostPrefix = 24)
{
    /// <summary>kind's defaults: 10.244.0.0/16 in /24s, join 100.64.0.0/16, services 10.96.0.0/16.</summary>
    public static ClusterConfig Default { get; } = new(
        [IPNetwork.Parse("10.244.0.0/16")], [IPNetwork.Parse("100.64.0.0/16")], [IPNetwork.Parse("10.96.0.0/16")]);

    /// <summary>The host masquerade route every pod gets (upstream §3.1: 169.254.169.5/32).</summary>
    public static IPNetwork MasqueradeServiceRoute { get; } = IPNetwork.Parse("169.254.169.5/32");
}
