using System.Collections.Frozen;
using Ovnk.Ovsdb.Protocol;
using NB = Ovnk.Ovsdb.Schemas.Northbound;
using Ovnk.Ovsdb.Schemas.Typed;

namespace Ovnk.Translation.Rows;

/// <summary>The NB tables Ovnk writes, each with its planner rules (<see cref="NbTable"/>).</summary>
public static class NbTables
{
    /// <summary>Logical_Switch: root; keyed by name; ports are children.</summary>
    public static NbTable LogicalSwitch { get; } = Table<NB.LogicalSwitch>(true,
        [NB.LogicalSwitch.Columns.Name, NB.LogicalSwitch.Columns.OtherConfig, NB.LogicalSwitch.Columns.ExternalIds],
        [NB.LogicalSwitch.Columns.Ports], Name);

    /// <summary>Logical_Switch_Port: child of a switch; keyed by name (unique in the schema).</summary>
    public static NbTable LogicalSwitchPort { get; } = Table<NB.LogicalSwitchPort>(false,
        [NB.LogicalSwitchPort.Columns.Name, NB.LogicalSwitchPort.Columns.Type, NB.LogicalSwitchPort.Columns.Addresses,
         NB.LogicalSwitchPort.Columns.PortSecurity, NB.LogicalSwitchPort.Columns.Options, NB.LogicalSwitchPort.Columns.TagRequest,
         NB.LogicalSwitchPort.Columns.ExternalIds],
        [], Name);

    /// <summary>Logical_Router: root; keyed by name; ports, routes, policies and NAT are children.</summary>
    public static NbTable LogicalRouter { get; } = Table<NB.LogicalRouter>(true,
        [NB.LogicalRouter.Columns.Name, NB.LogicalRouter.Columns.Options, NB.LogicalRouter.Columns.ExternalIds],
        [NB.LogicalRouter.Columns.Ports, NB.LogicalRouter.Columns.StaticRoutes, NB.LogicalRouter.Columns.Policies, NB.LogicalRouter.Columns.Nat], Name);

    /// <summary>Logical_Router_Port: child of a router; keyed by name.</summary>
    public static NbTable LogicalRouterPort { get; } = Table<NB.LogicalRouterPort>(false,
        [NB.LogicalRouterPort.Columns.Name, NB.LogicalRouterPort.Columns.Mac, NB.LogicalRouterPort.Columns.Networks,
         NB.LogicalRouterPort.Columns.Options, NB.LogicalRouterPort.Columns.ExternalIds],
        [], Name);

    /// <summary>Logical_Router_Static_Route: keyed by policy, prefix, next hop and output port.</summary>
    public static NbTable StaticRoute { get; } = Table<NB.LogicalRouterStaticRoute>(false,
        [NB.LogicalRouterStaticRoute.Columns.IpPrefix, NB.LogicalRouterStaticRoute.Columns.Nexthop, NB.LogicalRouterStaticRoute.Columns.Policy,
         NB.LogicalRouterStaticRoute.Columns.OutputPort, NB.LogicalRouterStaticRoute.Columns.ExternalIds],
        [], r => $"{Text(r, "policy")}|{Text(r, "ip_prefix")}|{Text(r, "nexthop")}|{Text(r, "output_port")}");

    /// <summary>Logical_Router_Policy: keyed by priority and match.</summary>
    public static NbTable RouterPolicy { get; } = Table<NB.LogicalRouterPolicy>(false,
        [NB.LogicalRouterPolicy.Columns.Priority, NB.LogicalRouterPolicy.Columns.Match, NB.LogicalRouterPolicy.Columns.Action,
         NB.LogicalRouterPolicy.Columns.Nexthops, NB.LogicalRouterPolicy.Columns.ExternalIds],
        [], r => $"{Text(r, "priority")}|{Text(r, "match")}");

    /// <summary>NAT: keyed by type, external IP and logical IP.</summary>
    public static NbTable Nat { get; } = Table<NB.Nat>(false,
        [NB.Nat.Columns.Type, NB.Nat.Columns.ExternalIp,
         NB.Nat.Columns.LogicalIp, NB.Nat.Columns.ExternalIds],
        [], r => $"{Text(r, "type")}|{Text(r, "external_ip")}|{Text(r, "logical_ip")}");

    /// <summary>Address_Set: root; keyed by its (hashed) name.</summary>
    public static NbTable AddressSet { get; } = Table<NB.AddressSet>(true,
        [NB.AddressSet.Columns.Name, NB.AddressSet.Columns.Addresses, NB.AddressSet.Columns.ExternalIds], [], Name) with
        {
            // A namespace's set holds every pod IP in it: a pod added or removed mutates one element, not the whole set.
            MutatedSets = [NB.AddressSet.Columns.Addresses],
        };

    /// <summary>Every managed table, parents first.</summary>
    public static IReadOnlyList<NbTable> All { get; } =
        [LogicalSwitch, LogicalRouter, LogicalSwitchPort, LogicalRouterPort, StaticRoute, RouterPolicy, Nat, AddressSet];

    private static readonly FrozenDictionary<string, NbTable> ByName = All.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>The names of the tables to monitor.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(t => t.Name)];

    /// <summary>The rules for a table, or null when Ovnk does not manage it.</summary>
    public static NbTable? Find(string table) => ByName.GetValueOrDefault(table);

    /// <summary>The rules for a table.</summary>
    public static NbTable Get(string table) => Find(table) ?? throw new ArgumentException($"table {table} is not managed by Ovnk", nameof(table));

    private static NbTable Table<T>(bool root, IReadOnlyList<string> managed, IReadOnlyList<string> children, Func<OvsdbRow, string> key)
        where T : IOvsdbRecord<T> =>
        new(T.Table, root, managed, children, key, (uuid, row) => T.FromRow(uuid, row).ToRow(includeDefaults: true));

    private static string Name(OvsdbRow row) => Text(row, "name");

    /// <summary>A column's value as text for keys: a scalar, or the single element of an optional.</summary>
    private static string Text(OvsdbRow row, string column) => row.Get(column) switch
    {
        null => "",
        OvsdbSet { Count: 0 } => "",
        OvsdbSet { Count: 1 } s => Convert.ToString(s[0], System.Globalization.CultureInfo.InvariantCulture) ?? "",
        var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
