namespace Ovnk.Linux.Namespaces;

/// <summary>The namespace kinds Ovnk enters (namespaces(7)); the order is the order they are entered.</summary>
public enum NamespaceKind
{
    Network,
    Uts,

    /// <summary>Entered last: once inside, the other namespaces' files may no longer be visible.</summary>
    Mount,
}
