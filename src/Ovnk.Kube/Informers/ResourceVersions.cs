using System.Globalization;

namespace Ovnk.Kube.Informers;

/// <summary>
/// Ordering of resourceVersions for deduplication. The API says they are opaque; every real server (etcd revisions,
/// the lab's SQLite rowids) uses increasing integers, so when both parse as integers we compare them, and otherwise
/// only equality counts.
/// </summary>
internal static class ResourceVersions
{
    /// <summary>True when <paramref name="incoming"/> is the same as, or older than, <paramref name="current"/>.</summary>
    public static bool IsNotNewer(string? incoming, string? current)
    {
        if (incoming is null || current is null) return false;
        if (string.Equals(incoming, current, StringComparison.Ordinal)) return true;
        return ulong.TryParse(incoming, NumberStyles.None, CultureInfo.InvariantCulture, out var a)
            && ulong.TryParse(current, NumberStyles.None, CultureInfo.InvariantCulture, out var b)
            && a <= b;
    }

    /// <summary>True when <paramref name="incoming"/> is strictly older than <paramref name="current"/>.</summary>
    public static bool IsOlder(string? incoming, string? current) =>
        IsNotNewer(incoming, current) && !string.Equals(incoming, current, StringComparison.Ordinal);
}
