namespace Ovnk.Linux.Namespaces;

/// <summary>
/// The namespaces to run code in, each given by the path of a namespace file (a /run/netns bind mount, a persistent
/// mount or UTS namespace file, or /proc/[pid]/ns/*). A null path keeps the caller's namespace of that kind.
/// </summary>
public sealed record NamespaceSet(string? Network = null, string? Uts = null, string? Mount = null)
{
    /// <summary>Only a network namespace.</summary>
    public static NamespaceSet Net(string path) => new(Network: path);

    /// <summary>The (kind, path) pairs to enter, in entry order (mount last).</summary>
    public IEnumerable<(NamespaceKind Kind, string Path)> Entries()
    {
        if (Network is not null) yield return (NamespaceKind.Network, Network);
        if (Uts is not null) yield return (NamespaceKind.Uts, Uts);
        if (Mount is not null) yield return (NamespaceKind.Mount, Mount);
    }

    public override string ToString() => string.Join(",", Entries().Select(e => $"{e.Kind}={e.Path}"));
}
