using Ovnk.Cli.Daemons;

namespace Ovnk.Cli.Tests.Daemons;

/// <summary>The pure plans: argv, files and order of each component (what ovs-ctl / ovn-ctl would run).</summary>
public sealed class DaemonPlansTests
{
    private static readonly DaemonSettings Defaults = new();

    [Fact]
    public void NbOvsdb_Defaults_ListensOnTheStandardSocketAndWritesTheTcpConnection()
    {
        var plan = DaemonPlans.For(DaemonComponent.NbOvsdb, Defaults);
        var stage = Assert.Single(plan.Stages);
        Assert.Equal("ovsdb-server", stage.Daemon.Binary);
        Assert.Equal(
        [
            "/etc/ovn/ovnnb_db.db", "--remote=punix:/var/run/ovn/ovnnb_db.sock", "--remote=db:OVN_Northbound,NB_Global,connections",
            "--pidfile=/var/run/ovn/ovnnb_db.pid", "--unixctl=/var/run/ovn/ovnnb_db.ctl",
            "-vconsole:info", "-vsyslog:off", "-vfile:info", "--log-file=/var/log/ovn/ovsdb-server-nb.log",
        ], stage.Daemon.Arguments);
        Assert.Equal(new DatabaseFile("/etc/ovn/ovnnb_db.db", "/usr/share/ovn/ovn-nb.ovsschema"), Assert.Single(plan.Databases));
        Assert.Equal(new ListenConnection("unix:/var/run/ovn/ovnnb_db.sock", OvnDatabaseKind.Northbound, "ptcp:6641:0.0.0.0", 60_000), stage.AfterStart);
        Assert.Equal("/var/run/ovn/ovnnb_db.sock", stage.Daemon.ReadySocket);
    }

    [Fact]
    public void SbOvsdb_PortAddressAndProbe_AreTakenFromTheSettings()
    {
        var settings = Defaults with { Port = 16642, ListenAddress = "172.18.0.2", InactivityProbeMs = 0 };
        var stage = Assert.Single(DaemonPlans.For(DaemonComponent.SbOvsdb, settings).Stages);
        Assert.Contains("--remote=db:OVN_Southbound,SB_Global,connections", stage.Daemon.Arguments);
        Assert.Contains("/etc/ovn/ovnsb_db.db", stage.Daemon.Arguments);
        Assert.Equal(new ListenConnection("unix:/var/run/ovn/ovnsb_db.sock", OvnDatabaseKind.Southbound, "ptcp:16642:172.18.0.2", 0), stage.AfterStart);
    }

    [Fact]
    public void OvsServer_StartsOvsdbServerInitsThenVswitchd_WithThePidFilesTheNodeAgentReads()
    {
        var plan = DaemonPlans.For(DaemonComponent.OvsServer, Defaults);
        Assert.Equal(["ovsdb-server", "ovs-vswitchd"], plan.Stages.Select(s => s.Daemon.Binary));
        Assert.Equal(new InitOpenVswitch("unix:/var/run/openvswitch/db.sock"), plan.Stages[0].AfterStart);
        Assert.Equal("/var/run/openvswitch/ovs-vswitchd.pid", plan.Stages[1].Daemon.PidFile);
        Assert.Null(plan.Stages[1].Daemon.ControlSocket); // default ovs-vswitchd.PID.ctl, where ovs-appctl and ovnk node look
        Assert.Equal("unix:/var/run/openvswitch/db.sock", plan.Stages[1].Daemon.Arguments[0]);
        Assert.Equal(new DatabaseFile("/etc/openvswitch/conf.db", "/usr/share/openvswitch/vswitch.ovsschema"), Assert.Single(plan.Databases));
    }

    [Fact]
    public void OvnNorthd_WithoutRemotes_UsesTheLocalSockets_AndWithRemotes_UsesThem()
    {
        var local = Assert.Single(DaemonPlans.For(DaemonComponent.OvnNorthd, Defaults).Stages).Daemon.Arguments;
        Assert.Contains("--ovnnb-db=unix:/var/run/ovn/ovnnb_db.sock", local);
        Assert.Contains("--ovnsb-db=unix:/var/run/ovn/ovnsb_db.sock", local);
        var remote = Assert.Single(DaemonPlans.For(DaemonComponent.OvnNorthd, Defaults with { OvnNb = "tcp:172.18.0.2:6641", OvnSb = "tcp:172.18.0.2:6642" }).Stages).Daemon.Arguments;
        Assert.Contains("--ovnnb-db=tcp:172.18.0.2:6641", remote);
        Assert.Contains("--ovnsb-db=tcp:172.18.0.2:6642", remote);
    }

    [Fact]
    public void OvnController_GetsBothRunDirectories_AndTheNodesOvsDatabase()
    {
        var dirs = new DaemonDirectories { OvsRun = "/n/ovs", OvnRun = "/n/ovn", OvnLog = "/n/log" };
        var plan = DaemonPlans.For(DaemonComponent.OvnController, Defaults with { Directories = dirs });
        var daemon = Assert.Single(plan.Stages).Daemon;
        Assert.Equal("unix:/n/ovs/db.sock", daemon.Arguments[0]);
        Assert.Equal(new AwaitSystemId("unix:/n/ovs/db.sock"), plan.Stages[0].BeforeStart); // not started before the node agent's system-id
        Assert.Equal("/n/ovn/ovn-controller.pid", daemon.PidFile);
        Assert.Contains("--log-file=/n/log/ovn-controller.log", daemon.Arguments);
        // br-int.mgmt and the default control socket derive from these: both must be the node's.
        Assert.Equal("/n/ovs", plan.Environment["OVS_RUNDIR"]);
        Assert.Equal("/n/ovn", plan.Environment["OVN_RUNDIR"]);
    }

    [Theory]
    [InlineData("nb-ovsdb")]
    [InlineData("sb-ovsdb")]
    [InlineData("ovn-northd")]
    [InlineData("ovs-server")]
    [InlineData("ovn-controller")]
    public void EveryComponent_RunsInTheForeground_LogsToConsoleThenFile_WithAPidFile(string name)
    {
        var component = DaemonComponentNames.All.Single(c => c.Name == name).Component;
        foreach (var stage in DaemonPlans.For(component, Defaults).Stages)
        {
            var args = stage.Daemon.Arguments;
            Assert.DoesNotContain(args, a => a.StartsWith("--detach", StringComparison.Ordinal) || a.StartsWith("--monitor", StringComparison.Ordinal));
            Assert.Contains("--pidfile=" + stage.Daemon.PidFile, args);
            var console = args.ToList().IndexOf("-vconsole:info");
            var file = args.ToList().FindIndex(a => a.StartsWith("--log-file=", StringComparison.Ordinal));
            Assert.True(console >= 0 && file > console, "-vconsole must precede --log-file (LAB-NOTES item 2)");
        }
    }

    [Theory]
    [InlineData(false, 0, null, true)]                       // no global row yet
    [InlineData(true, 0, null, true)]                        // global without connections
    [InlineData(true, 1, 60_000L, false)]                    // exactly right: nothing to write
    [InlineData(true, 1, 5_000L, true)]                      // wrong probe
    [InlineData(true, 2, 60_000L, true)]                     // an extra connection
    public void ConnectionPlan_WritesOnlyWhenTheRowDiffers(bool globalExists, int count, long? probe, bool expected)
    {
        var current = Enumerable.Repeat(("ptcp:6641:0.0.0.0", probe), count).ToList();
        Assert.Equal(expected, ConnectionPlan.NeedsWrite(globalExists, current, "ptcp:6641:0.0.0.0", 60_000));
    }
}
