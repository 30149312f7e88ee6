using Ovnk.Ovsdb.Protocol;
using Ovnk.Ovsdb.Schemas.Northbound;
using Ovnk.Ovsdb.Schemas.Typed;
using Ovnk.Translation.Observed;
using Ovnk.Translation.Ownership;
using Ovnk.Translation.Planning;
using Ovnk.Translation.Rows;
using Ovnk.Translation.Topology;

namespace Ovnk.Translation.Tests;

/// <summary>Acceptance 1: the planner's diff, case by case, then convergence (apply, re-plan → nothing).</summary>
public class PlannerTests
{
    private static readonly ClusterConfig Config = ClusterConfig.Default;

    [Theory]
    [InlineData("empty NB: node rows inserted, linked to the cluster router and join switch", "empty", 17, 0, 5, 0, 0)]
    [InlineData("NB already right: nothing written", "converged", 0, 0, 0, 0, 0)]
    [InlineData("one changed column: one update", "changed-mac", 0, 1, 0, 0, 0)]
    [InlineData("node gone: its root rows deleted, its children on shared routers unlinked", "node-gone", 0, 0, 0, 5, 3)]
    [InlineData("stale extra route of the owner: unlinked", "stale-route", 0, 0, 0, 1, 0)]
    [InlineData("duplicate route of the owner: collapsed to one", "duplicate-route", 0, 0, 0, 1, 0)]
    [InlineData("duplicate switch of the owner: the extra one deleted", "duplicate-switch", 0, 0, 0, 0, 1)]
    [InlineData("foreign row with the same key: untouched, ours inserted", "foreign-route", 1, 0, 1, 0, 0)]
    [InlineData("other owner's rows: untouched", "other-owner", 0, 0, 0, 0, 0)]
    [InlineData("missing child on an existing parent: inserted and linked", "missing-port", 1, 0, 1, 0, 0)]
    public void Plan_Cases(string name, string scenario, int inserts, int updates, int links, int unlinks, int deletes)
    {
        Assert.NotEmpty(name);
        var (nb, desired) = Scenario(scenario);
        var plan = Planner.Plan(desired, nb);
        Assert.Null(plan.Problem);
        Assert.Equal((inserts, updates, links, unlinks, deletes), (plan.Inserts, plan.Updates,
            plan.Steps.Count(s => s is LinkChild), plan.Steps.Count(s => s is UnlinkChild), plan.Steps.Count(s => s is DeleteRow)));
        var foreignBefore = nb.Rows("Logical_Router_Static_Route").Where(r => r.Owner is null).Select(r => r.Row).ToArray();
        MemoryNb.Apply(nb, plan);
        Assert.True(Planner.Plan(desired, nb).IsEmpty, $"{name}: a second plan after applying must be empty");
        Assert.Equal(foreignBefore, nb.Rows("Logical_Router_Static_Route").Where(r => r.Owner is null).Select(r => r.Row));
    }

    [Fact]
    public void Plan_ChildWhoseParentIsMissing_ReportsTheParentAndWritesNothing()
    {
        var plan = Planner.Plan(PodPort.Translate(Samples.Pod()), new NbSnapshot());
        Assert.Empty(plan.Steps);
        Assert.Contains("Logical_Switch \"ovn-worker\"", plan.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NewParentWithNewChildren_InsertsChildrenFirstAndTheParentHoldsThem()
    {
        var plan = Planner.Plan(ClusterTopology.Translate(Config), new NbSnapshot());
        var inserts = plan.Steps.OfType<InsertRow>().Select(i => i.Row.Key).ToList();
        Assert.True(inserts.IndexOf("rtoj-ovn_cluster_router") < inserts.IndexOf("ovn_cluster_router"));
        var router = plan.Steps.OfType<InsertRow>().Single(i => i.Row.Key == "ovn_cluster_router");
        Assert.Single(router.NewChildren);
        Assert.Contains(plan.Steps, s => s is GuardAbsent g && g.Row.Key == "ovn_cluster_router");
        var ops = plan.ToOperations();
        Assert.Equal(plan.Steps.Count, ops.Count);
    }

    [Fact]
    public void Plan_DeletedPod_UnlinksOnlyItsPortFromTheNodeSwitch()
    {
        var nb = Converged(ClusterTopology.Translate(Config), NodeTopology.Translate(Config, Samples.Node()),
            PodPort.Translate(Samples.Pod()), PodPort.Translate(Samples.Pod(name: "web-1", ip: "10.244.1.6")));
        var plan = Planner.Plan(DesiredState.Nothing(Owner.Pod("default", "web-0")), nb);
        var unlink = Assert.Single(plan.Steps.OfType<UnlinkChild>());
        Assert.Equal("default_web-0", unlink.Child.Key);
        MemoryNb.Apply(nb, plan);
        Assert.Empty(nb.ByKey("Logical_Switch_Port", "default_web-0"));
        Assert.Single(nb.ByKey("Logical_Switch_Port", "default_web-1"));
    }

    [Theory]
    [InlineData("one pod joins: only its address inserted", "10.244.1.5 10.244.1.6", "10.244.1.5 10.244.1.6 10.244.1.7", "", "10.244.1.7")]
    [InlineData("one pod leaves: only its address deleted", "10.244.1.5 10.244.1.6", "10.244.1.5", "10.244.1.6", "")]
    [InlineData("one in, one out: one delete and one insert", "10.244.1.5 10.244.1.6", "10.244.1.5 10.244.1.7", "10.244.1.6", "10.244.1.7")]
    [InlineData("last pod leaves: the set emptied by a delete", "10.244.1.5", "", "10.244.1.5", "")]
    public void Plan_NamespaceAddressSetChange_MutatesOnlyTheChangedAddresses(string name, string before, string after, string deleted, string inserted)
    {
        var nb = Converged(NamespaceAddressSet.Translate(Namespace(before)));
        var plan = Planner.Plan(NamespaceAddressSet.Translate(Namespace(after)), nb);

        var mutate = Assert.IsType<Ovnk.Ovsdb.Operations.Mutate>(Assert.Single(plan.ToOperations()), exactMatch: false);
        Assert.Equal(Words(deleted), Atoms(mutate, Mutator.Delete));
        Assert.Equal(Words(inserted), Atoms(mutate, Mutator.Insert));
        MemoryNb.Apply(nb, plan);
        Assert.True(Planner.Plan(NamespaceAddressSet.Translate(Namespace(after)), nb).IsEmpty, name);
    }

    [Fact]
    public void Plan_AddressSetWithAnotherColumnChanged_RewritesTheManagedColumns()
    {
        var nb = Converged(NamespaceAddressSet.Translate(Namespace("10.244.1.5")));
        var set = Assert.Single(nb.OwnedBy(Owner.Namespace("default")));
        var ids = set.Row.GetMap("external_ids").Append(KeyValuePair.Create((object)"stray-key", (object)"x"));
        nb.Upsert(set.Table, set.Uuid, set.Row.With("external_ids", new OvsdbMap(ids)));
        var plan = Planner.Plan(NamespaceAddressSet.Translate(Namespace("10.244.1.5 10.244.1.6")), nb);
        Assert.IsType<Ovnk.Ovsdb.Operations.Update>(Assert.Single(plan.ToOperations()), exactMatch: false);
    }

    private static NamespaceInfo Namespace(string ips) =>
        new("default", [.. ips.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(System.Net.IPAddress.Parse)]);

    private static string[] Words(string text) => [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];

    private static string[] Atoms(Ovnk.Ovsdb.Operations.Mutate mutate, Mutator mutator) =>
        [.. mutate.Mutations.Where(m => m.Mutator == mutator).SelectMany(m => (OvsdbSet)m.Value!).Select(a => (string)a).Order(StringComparer.Ordinal)];

    private static (NbSnapshot, DesiredState) Scenario(string scenario)
    {
        var cluster = ClusterTopology.Translate(Config);
        var node = NodeTopology.Translate(Config, Samples.Node());
        var owner = Owner.Node("ovn-worker");
        var nb = Converged(cluster, node);
        switch (scenario)
        {
            case "empty": return (Converged(cluster), node);
            case "converged": return (nb, node);
            case "changed-mac":
                var rtoe = nb.ByKey("Logical_Router_Port", "rtoe-GR_ovn-worker")[0];
                nb.Upsert(rtoe.Table, rtoe.Uuid, rtoe.Row.With("mac", "02:00:00:00:00:99"));
                return (nb, node);
            case "node-gone": return (nb, DesiredState.Nothing(owner));
            case "stale-route": AddRoute(nb, "10.9.9.0/24", owner); return (nb, node);
            case "duplicate-route": AddRoute(nb, "100.64.0.3", owner, "100.64.0.3", LogicalRouterStaticRoutePolicy.DstIp); return (nb, node);
            case "duplicate-switch":
                nb.Put(new LogicalSwitch { Uuid = NewUuid(), Name = "ext_ovn-worker", ExternalIds = owner.ExternalIds() });
                return (nb, node);
            case "foreign-route":
                var emptyNode = Converged(cluster);
                AddRoute(emptyNode, "10.244.1.0/24", null, "100.64.0.3", LogicalRouterStaticRoutePolicy.SrcIp);
                return (emptyNode, new DesiredState(owner, [.. node.Rows.Where(r => r.Key == "src-ip|10.244.1.0/24|100.64.0.3|")]));
            case "other-owner": return (nb, cluster);
            case "missing-port":
                var k8s = nb.ByKey("Logical_Switch_Port", "k8s-ovn-worker")[0];
                var ls = nb.ByKey("Logical_Switch", "ovn-worker")[0];
                nb.Upsert(ls.Table, ls.Uuid, ls.Row.With("ports", new OvsdbSet(ls.Children("ports").Where(u => u != k8s.Uuid).Cast<object>())));
                nb.Remove(k8s.Uuid);
                return (nb, node);
            default: throw new ArgumentException(scenario);
        }
    }

    /// <summary>A snapshot holding exactly the given desired states (planned and applied in order).</summary>
    private static NbSnapshot Converged(params DesiredState[] states)
    {
        var nb = new NbSnapshot();
        foreach (var state in states)
            MemoryNb.Apply(nb, Planner.Plan(state, nb));
        return nb;
    }

    private static void AddRoute(NbSnapshot nb, string prefix, Owner? owner, string nexthop = "100.64.0.3",
        LogicalRouterStaticRoutePolicy policy = LogicalRouterStaticRoutePolicy.SrcIp)
    {
        var route = new LogicalRouterStaticRoute
        {
            Uuid = NewUuid(), IpPrefix = prefix, Nexthop = nexthop, Policy = policy,
            ExternalIds = owner is { } o ? o.ExternalIds() : OvsdbDictionary<string, string>.Of(("someone", "else")),
        };
        nb.Put(route);
        var router = nb.ByKey("Logical_Router", "ovn_cluster_router")[0];
        nb.Upsert(router.Table, router.Uuid, router.Row.With("static_routes", new OvsdbSet([.. router.Children("static_routes").Cast<object>(), route.Uuid])));
    }

    private static Uuid NewUuid() => new(Guid.NewGuid());
}
