using Ovnk.Linux.Namespaces;
using Ovnk.Linux.Netlink;
using Ovnk.Linux.Sysctl;

namespace Ovnk.Bench.Cni;

/// <summary>
/// The benchmark's pod network namespaces (<c>PREFIX-N</c>), made with Ovnk.Linux (no <c>ip</c> process per pod):
/// loopback up and IPv6 off (router solicitations and MLD would only add noise to OVS and OVN). Every namespace
/// still present is deleted on dispose.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class PodNamespaces(string prefix) : IDisposable
{
    private static readonly SysctlKey[] Ipv6Off = [SysctlKey.Parse("net.ipv6.conf.all.disable_ipv6"), SysctlKey.Parse("net.ipv6.conf.default.disable_ipv6")];
    private readonly HashSet<string> _live = new(StringComparer.Ordinal);
    private int _next;

    /// <summary>A fresh namespace; returns its name and path.</summary>
    public (string Name, string Path) Create()
    {
        var name = $"{prefix}-{Interlocked.Increment(ref _next)}";
        var path = NetNs.Create(name);
        lock (_live) _live.Add(name);
        using (var rtnl = RtnlClient.Open(path)) rtnl.SetUp("lo", true);
        NetNs.Run(path, () =>
        {
            foreach (var key in Ipv6Off) Sysctls.Write(key, "1");
        });
        return (name, path);
    }

    public void Delete(string name)
    {
        lock (_live)
        {
            if (!_live.Remove(name)) return;
        }
        NetNs.Delete(name);
    }

    public void Dispose()
    {
        string[] left;
        lock (_live) left = [.. _live];
        foreach (var name in left)
        {
            try { Delete(name); }
            catch (Linux.LinuxException) { /* keep removing the others */ }
        }
    }
}
