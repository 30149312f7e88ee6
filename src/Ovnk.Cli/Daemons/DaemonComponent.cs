namespace Ovnk.Cli.Daemons;

/// <summary>The OVS/OVN daemons <c>ovnk daemon</c> runs in the foreground of a container (deploy/*.yaml).</summary>
internal enum DaemonComponent
{
    /// <summary>ovsdb-server for OVN_Northbound (container <c>nb-ovsdb</c> of Deployment ovnkube-db).</summary>
    NbOvsdb,

    /// <summary>ovsdb-server for OVN_Southbound (container <c>sb-ovsdb</c>).</summary>
    SbOvsdb,

    /// <summary>ovn-northd (container <c>ovn-northd</c> of Deployment ovnkube-master).</summary>
    OvnNorthd,

    /// <summary>ovsdb-server for Open_vSwitch + ovs-vswitchd (container <c>ovs-daemons</c> of DaemonSet ovs-node).</summary>
    OvsServer,

    /// <summary>ovn-controller (container <c>ovn-controller</c> of DaemonSet ovnkube-node).</summary>
    OvnController,
}
