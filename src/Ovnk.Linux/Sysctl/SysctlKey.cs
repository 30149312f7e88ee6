namespace Ovnk.Linux.Sysctl;

/// <summary>
/// A sysctl key as path segments under /proc/sys. Segments may contain dots (an interface named "eth0.100"), which
/// the dotted form cannot show directly: as in sysctl(8), a '/' inside a dotted key stands for a '.' in the segment
/// ("net.ipv4.conf.eth0/100.rp_filter").
/// </summary>
public sealed record SysctlKey
{
    private SysctlKey(IReadOnlyList<string> segments) => Segments = segments;

    public IReadOnlyList<string> Segments { get; }

    /// <summary>The file under /proc/sys (per network namespace for net.*: read it inside the namespace).</summary>
    public string Path => "/proc/sys/" + string.Join('/', Segments);

    public static SysctlKey Of(params string[] segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        foreach (var s in segments)
        {
            if (string.IsNullOrEmpty(s) || s is "." or ".." || s.Contains('/', StringComparison.Ordinal))
            {
                throw new InvalidNameException("sysctl", string.Join('.', segments), $"segment '{s}' is empty, '.', '..' or contains '/'");
            }
        }

        return segments.Length > 0
            ? new SysctlKey(segments)
            : throw new InvalidNameException("sysctl", "", "a key needs at least one segment");
    }

    /// <summary>Parses the dotted form, turning '/' back into '.' inside segments.</summary>
    public static SysctlKey Parse(string dotted)
    {
        ArgumentNullException.ThrowIfNull(dotted);
        return Of(dotted.Split('.').Select(s => s.Replace('/', '.')).ToArray());
    }

    /// <summary>net.ipv4.conf.IFNAME.LEAF or net.ipv6.conf.IFNAME.LEAF (ipv4 unless <paramref name="ipv6"/>).</summary>
    public static SysctlKey InterfaceConf(string interfaceName, string leaf, bool ipv6 = false) =>
        Of("net", ipv6 ? "ipv6" : "ipv4", "conf", interfaceName, leaf);

    /// <summary>The dotted form, with '.' inside segments written as '/'.</summary>
    public override string ToString() => string.Join('.', Segments.Select(s => s.Replace('.', '/')));
}
