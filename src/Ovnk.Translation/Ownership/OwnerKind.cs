namespace Ovnk.Translation.Ownership;

/// <summary>What kind of object owns a set of NB rows; each kind is reconciled by its own work queue.</summary>
public enum OwnerKind
{
    /// <summary>Cluster-wide rows: <c>ovn_cluster_router</c>, the <c>join</c> switch and their join ports.</summary>
    Cluster,

    /// <summary>One node's topology: its switch, management port, gateway router, external switch, routes, policy, SNAT.</summary>
    Node,

    /// <summary>One pod's logical switch port.</summary>
    Pod,

    /// <summary>One namespace's address sets.</summary>
    Namespace,
}
