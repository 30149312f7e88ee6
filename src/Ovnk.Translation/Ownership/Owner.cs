using Ovnk.Model.Naming;
using Ovnk.Ovsdb.Schemas.Typed;

namespace Ovnk.Translation.Ownership;

/// <summary>
/// The owner of NB rows, written into every row's external_ids with upstream's keys (reference §2.5):
/// <c>k8s.ovn.org/owner-controller</c>, <c>k8s.ovn.org/owner-type</c> and <c>k8s.ovn.org/name</c>.
/// Rows without these keys (or with another controller) are foreign and never touched.
/// </summary>
public readonly record struct Owner(OwnerKind Kind, string Name)
{
    /// <summary>The single cluster-wide owner.</summary>
    public static Owner Cluster { get; } = new(OwnerKind.Cluster, "cluster");

    /// <summary>The owner of a node's topology.</summary>
    public static Owner Node(string node) => new(OwnerKind.Node, node);

    /// <summary>The owner of a pod's port; the name is upstream's <c>&lt;ns&gt;:&lt;name&gt;</c>.</summary>
    public static Owner Pod(string podNamespace, string pod) => new(OwnerKind.Pod, podNamespace + ":" + pod);

    /// <summary>The owner of a namespace's address sets.</summary>
    public static Owner Namespace(string podNamespace) => new(OwnerKind.Namespace, podNamespace);

    /// <summary>The owner-type value.</summary>
    public string TypeText => Kind switch
    {
        OwnerKind.Cluster => ExternalIdKeys.OwnerTypes.Cluster,
        OwnerKind.Node => ExternalIdKeys.OwnerTypes.Node,
        OwnerKind.Pod => ExternalIdKeys.OwnerTypes.Pod,
        _ => ExternalIdKeys.OwnerTypes.Namespace,
    };

    /// <summary>The three owner keys, plus <paramref name="extra"/> pairs.</summary>
    public OvsdbDictionary<string, string> ExternalIds(params (string Key, string Value)[] extra) =>
        OvsdbDictionary<string, string>.Of([
            (ExternalIdKeys.OwnerController, ExternalIdKeys.DefaultNetworkController),
            (ExternalIdKeys.OwnerType, TypeText),
            (ExternalIdKeys.Name, Name),
            .. extra]);

    /// <summary>The owner recorded in a row's external_ids, or null for a foreign row.</summary>
    public static Owner? FromExternalIds(IReadOnlyDictionary<object, object> externalIds)
    {
        ArgumentNullException.ThrowIfNull(externalIds);
        if (!externalIds.TryGetValue(ExternalIdKeys.OwnerController, out var c) || c as string != ExternalIdKeys.DefaultNetworkController)
            return null;
        if (!externalIds.TryGetValue(ExternalIdKeys.OwnerType, out var t) || !externalIds.TryGetValue(ExternalIdKeys.Name, out var n) || n is not string name)
            return null;
        OwnerKind? kind = (t as string) switch
        {
            ExternalIdKeys.OwnerTypes.Cluster => OwnerKind.Cluster,
            ExternalIdKeys.OwnerTypes.Node => OwnerKind.Node,
            ExternalIdKeys.OwnerTypes.Pod => OwnerKind.Pod,
            ExternalIdKeys.OwnerTypes.Namespace => OwnerKind.Namespace,
            _ => null,
        };
        return kind is { } k ? new Owner(k, name) : null;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{TypeText}/{Name}";
}
