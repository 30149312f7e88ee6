namespace Ovnk.Cli.Daemons;

/// <summary>The command-line names of <see cref="DaemonComponent"/> (<c>ovnk daemon nb-ovsdb</c>, …).</summary>
internal static class DaemonComponentNames
{
    public static IReadOnlyList<(string Name, DaemonComponent Component, string Description)> All { get; } =
    [
        ("nb-ovsdb", DaemonComponent.NbOvsdb, "ovsdb-server for OVN_Northbound (unix socket + ptcp:6641); creates the database when missing."),
        ("sb-ovsdb", DaemonComponent.SbOvsdb, "ovsdb-server for OVN_Southbound (unix socket + ptcp:6642); creates the database when missing."),
        ("ovn-northd", DaemonComponent.OvnNorthd, "ovn-northd between OVN_NB and OVN_SB."),
        ("ovs-server", DaemonComponent.OvsServer, "ovsdb-server for Open_vSwitch + ovs-vswitchd (the node's OVS)."),
        ("ovn-controller", DaemonComponent.OvnController, "ovn-controller against the node's OVS (ovn-remote comes from its external_ids)."),
    ];

    public static string Name(DaemonComponent component) => All.First(c => c.Component == component).Name;
}
