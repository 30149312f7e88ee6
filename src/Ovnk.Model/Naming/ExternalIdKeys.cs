namespace Ovnk.Model.Naming;

/// <summary>
/// Every external_ids key Ovnk writes or reads on NB rows, in one place (STYLE.md rule 2). The owner keys follow
/// upstream's <c>ovnk:go-controller/pkg/libovsdb/ops/db_object_ids.go</c> (reference §2.5).
/// </summary>
public static class ExternalIdKeys
{
    /// <summary>The controller that owns the row: <see cref="DefaultNetworkController"/>.</summary>
    public const string OwnerController = "k8s.ovn.org/owner-controller";

    /// <summary>The owner type, e.g. <c>Namespace</c>, <c>Cluster</c> (see <see cref="OwnerTypes"/>).</summary>
    public const string OwnerType = "k8s.ovn.org/owner-type";

    /// <summary>The owner object's name, e.g. <c>&lt;ns&gt;:&lt;name&gt;</c>.</summary>
    public const string Name = "k8s.ovn.org/name";

    /// <summary>The primary ID: <c>&lt;controller&gt;:&lt;owner-type&gt;:&lt;key1&gt;:…</c>.</summary>
    public const string PrimaryId = "k8s.ovn.org/id";

    /// <summary>The IP family of an address set (<c>v4</c>/<c>v6</c>).</summary>
    public const string IpFamily = "ip-family";

    /// <summary>Upstream's controller name for the default network.</summary>
    public const string DefaultNetworkController = "default-network-controller";

    /// <summary>Marks the cluster router (value <c>yes</c>).</summary>
    public const string ClusterRouter = "k8s-cluster-router";

    /// <summary>The node a per-node row belongs to (switch, GR, routes).</summary>
    public const string Node = "k8s.ovn.org/node";

    /// <summary>Gateway router: the node's physical IP.</summary>
    public const string PhysicalIp = "physical_ip";

    /// <summary>Gateway router: the node's physical IPs, comma separated.</summary>
    public const string PhysicalIps = "physical_ips";

    /// <summary>Pod LSP: the pod's namespace.</summary>
    public const string PodNamespace = "namespace";

    /// <summary>Pod LSP marker (value <c>true</c>).</summary>
    public const string Pod = "pod";

    /// <summary>Load balancers: the owning object's kind (e.g. <c>Service</c>).</summary>
    public const string Kind = "k8s.ovn.org/kind";

    /// <summary>Load balancers: <c>&lt;ns&gt;/&lt;name&gt;</c> of the owner.</summary>
    public const string Owner = "k8s.ovn.org/owner";

    /// <summary>The owner-type values upstream uses (<c>db_object_types.go</c>) that Ovnk writes.</summary>
    public static class OwnerTypes
    {
        /// <summary>Per-namespace address sets and port groups.</summary>
        public const string Namespace = "Namespace";

        /// <summary>Cluster-wide port groups.</summary>
        public const string Cluster = "Cluster";

        /// <summary>Network policies.</summary>
        public const string NetworkPolicy = "NetworkPolicy";

        /// <summary>Ovnk's per-node topology rows (switch, gateway router, routes); upstream marks them without owner keys.</summary>
        public const string Node = "Node";

        /// <summary>Ovnk's pod logical switch ports; upstream marks them with <c>namespace</c> and <c>pod=true</c> only.</summary>
        public const string Pod = "Pod";
    }

    /// <summary>The primary ID for a row owned by <paramref name="ownerType"/> with the given keys, in upstream's form.</summary>
    public static string MakePrimaryId(string ownerType, params ReadOnlySpan<string> keys) =>
        string.Join(':', [DefaultNetworkController, ownerType, .. keys]);
}
