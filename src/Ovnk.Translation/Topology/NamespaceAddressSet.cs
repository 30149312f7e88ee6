using System.Net.Sockets;
using Ovnk.Model.Naming;
using Ovnk.Ovsdb.Schemas.Northbound;
using Ovnk.Translation.Ownership;
using Ovnk.Translation.Rows;

namespace Ovnk.Translation.Topology;

/// <summary>
/// A namespace's address set with the IPs of its pods (upstream §2.5): named <c>a</c> + FNV-1a-64 of
/// <c>default-network-controller:Namespace:&lt;ns&gt;:v4</c>, with upstream's owner keys, ID and ip-family. Network
/// policy matches reference it. One per IP family in use (IPv4 always, so an empty namespace still has its set).
/// </summary>
public static class NamespaceAddressSet
{
    /// <summary>The desired address sets of a namespace.</summary>
    public static DesiredState Translate(NamespaceInfo ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        var owner = Owner.Namespace(ns.Name);
        var families = ns.PodIps.Any(ip => ip.AddressFamily == AddressFamily.InterNetworkV6) ? new[] { "v4", "v6" } : ["v4"];
        return new DesiredState(owner, [.. families.Select(family =>
        {
            var id = HashedNames.NamespaceAddressSetId(ns.Name, family);
            var want = family == "v4" ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
            return DesiredRow.Of(new AddressSet
            {
                Name = HashedNames.ForPrimaryId(id),
                Addresses = [.. ns.PodIps.Where(ip => ip.AddressFamily == want).Select(ip => ip.ToString()).Order(StringComparer.Ordinal)],
                ExternalIds = owner.ExternalIds((ExternalIdKeys.PrimaryId, id), (ExternalIdKeys.IpFamily, family)),
            });
        })]);
    }
}
