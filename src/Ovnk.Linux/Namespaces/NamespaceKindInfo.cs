using Ovnk.Linux.Native;

namespace Ovnk.Linux.Namespaces;

/// <summary>Per-kind constants: the clone flag for setns/unshare and the /proc/[pid]/ns entry name.</summary>
internal static class NamespaceKindInfo
{
    public static int CloneFlag(NamespaceKind kind) => kind switch
    {
        NamespaceKind.Network => Libc.CloneNewNet,
        NamespaceKind.Uts => Libc.CloneNewUts,
        NamespaceKind.Mount => Libc.CloneNewNs,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string ProcName(NamespaceKind kind) => kind switch
    {
        NamespaceKind.Network => "net",
        NamespaceKind.Uts => "uts",
        NamespaceKind.Mount => "mnt",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The calling thread's own namespace file (thread-self: setns is per thread).</summary>
    public static string ThreadSelfPath(NamespaceKind kind) => $"/proc/thread-self/ns/{ProcName(kind)}";
}
