using System.Globalization;
using System.Text;

namespace Ovnk.Model.Naming;

/// <summary>
/// Upstream's hashed names for address sets and port groups: <c>"a"</c> + decimal FNV-1a-64 of the primary ID
/// (<c>ovnk:go-controller/pkg/libovsdb/ops/db_object_ids.go</c>; reference §2.5). Address sets hash the ID with
/// <c>:v4</c>/<c>:v6</c> appended.
/// </summary>
public static class HashedNames
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>The name of the object whose primary ID is <paramref name="primaryId"/>.</summary>
    public static string ForPrimaryId(string primaryId)
    {
        ArgumentNullException.ThrowIfNull(primaryId);
        var hash = FnvOffset;
        foreach (var b in Encoding.UTF8.GetBytes(primaryId))
        {
            hash ^= b;
            hash *= FnvPrime;
        }
        return "a" + hash.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The primary ID of a namespace's address set for one IP family (<c>v4</c> or <c>v6</c>).</summary>
    public static string NamespaceAddressSetId(string podNamespace, string ipFamily) =>
        ExternalIdKeys.MakePrimaryId(ExternalIdKeys.OwnerTypes.Namespace, podNamespace, ipFamily);
}
