namespace Ovnk.Node.Ovs;

/// <summary>Every Open_vSwitch-database key the node agent reads or writes, in one place (STYLE.md rule 2).</summary>
public static class OvsKeys
{
    // Open_vSwitch external_ids (reference §5.1).
    public const string SystemId = "system-id";
    public const string OvnRemote = "ovn-remote";
    public const string OvnEncapType = "ovn-encap-type";
    public const string OvnEncapIp = "ovn-encap-ip";
    public const string OvnBridgeMappings = "ovn-bridge-mappings";
    public const string OvnBridgeDatapathType = "ovn-bridge-datapath-type";
    public const string Hostname = "hostname";

    // Bridge and port markers (upstream NicToBridge).
    public const string BridgeId = "bridge-id";
    public const string BridgeUplink = "bridge-uplink";
    public const string HwAddr = "hwaddr";
    public const string DisableInBand = "disable-in-band";
    public const string Transient = "transient";

    // Interface external_ids of a pod port (reference §4.3 step 8).
    public const string IfaceId = "iface-id";
    public const string IfaceIdVer = "iface-id-ver";
    public const string Sandbox = "sandbox";
    public const string PodIfName = "pod-if-name";
    public const string IpAddresses = "ip_addresses";
    public const string AttachedMac = "attached_mac";

    /// <summary>Set to <c>true</c> by ovn-controller once the port is bound and its flows are installed.</summary>
    public const string OvnInstalled = "ovn-installed";

    /// <summary>The encapsulation OVN uses between nodes.</summary>
    public const string Geneve = "geneve";
}
