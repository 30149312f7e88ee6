namespace Ovnk.Cli.Daemons;

/// <summary>A database write done once the daemon before it answers (what ovs-ctl/ovn-ctl do after starting it).</summary>
internal abstract record BootstrapAction;

/// <summary><c>ovs-vsctl --no-wait init</c>: the Open_vSwitch root row exists (ovs-vswitchd needs it).</summary>
internal sealed record InitOpenVswitch(string Remote) : BootstrapAction;

/// <summary>
/// <c>ovn-nbctl/ovn-sbctl --inactivity-probe=MS set-connection TARGET</c>: the NB_Global/SB_Global connections are
/// exactly one Connection with <paramref name="Target"/> (e.g. <c>ptcp:6641:0.0.0.0</c>); ovsdb-server listens on it
/// through its <c>--remote=db:…</c> option.
/// </summary>
internal sealed record ListenConnection(string Remote, OvnDatabaseKind Database, string Target, long InactivityProbeMs) : BootstrapAction;

/// <summary>
/// Waits until the node's Open_vSwitch row has <c>external_ids:system-id</c> (the node agent writes it): ovn-controller
/// 23.03 started without one may crash (SIGSEGV seen in the lab), and every crash costs a kubelet back-off.
/// </summary>
internal sealed record AwaitSystemId(string Remote) : BootstrapAction;
