using Ovnk.Linux.Processes;

namespace Ovnk.Cli.Tests.Daemons;

/// <summary>
/// <c>ovnk daemon ovs-server</c> and <c>ovnk daemon ovn-controller</c> with the real ovsdb-server, ovs-vswitchd
/// (netdev datapath) and ovn-controller in the test's own network namespace and temp directories.
/// </summary>
public sealed class OvsServerDaemonTests
{
    [Fact]
    public async Task OvsServer_NetdevBridge_ComesUpAndSurvivesAVswitchdKill()
    {
        await using var scratch = await DaemonScratch.CreateAsync(withNetns: true);
        var db = "--db=unix:" + Path.Combine(scratch.OvsRun, "db.sock");
        var vswitchdPid = Path.Combine(scratch.OvsRun, "ovs-vswitchd.pid");
        var serverPid = Path.Combine(scratch.OvsRun, "ovsdb-server.pid");
        await using (var first = DaemonRun.Start("ovs-server", scratch.Env, scratch.NetNs))
        {
            await first.WaitRunningAsync();
            Assert.NotEmpty((await scratch.OkAsync("ovs-vsctl", db, "--no-wait", "get", "Open_vSwitch", ".", "_uuid")).Trim()); // init done
            // ovs-vsctl waits until ovs-vswitchd has applied the change (no --no-wait): vswitchd really runs.
            await scratch.OkAsync("ovs-vsctl", db, "--timeout=60", "add-br", "br-deploy", "--", "set", "Bridge", "br-deploy", "datapath_type=netdev");
            Assert.Equal("65534", (await scratch.OkAsync("ovs-vsctl", db, "get", "Interface", "br-deploy", "ofport")).Trim());
            await scratch.OkAsync("ip", "link", "show", "br-deploy");

            var old = DaemonScratch.LockHolder(vswitchdPid)!.Value;
            SignalSender.Send(old, SignalSender.SigKill);
            Assert.NotEqual(0, await first.WaitExitAsync());
            Assert.Contains("ovs-vswitchd", first.Output, StringComparison.Ordinal);
            Assert.Null(DaemonScratch.LockHolder(serverPid)); // the supervisor stopped ovsdb-server too
            Assert.True(File.Exists(Path.Combine(scratch.OvsRun, $"ovs-vswitchd.{DaemonScratch.Text(old)}.ctl")), "kill -9 leaves the control socket");

            await using var second = DaemonRun.Start("ovs-server", scratch.Env, scratch.NetNs);
            await second.WaitRunningAsync();
            var now = DaemonScratch.LockHolder(vswitchdPid)!.Value;
            Assert.False(File.Exists(Path.Combine(scratch.OvsRun, $"ovs-vswitchd.{DaemonScratch.Text(old)}.ctl")), "the stale control socket is removed");
            Assert.Contains("Open vSwitch", await scratch.OkAsync("ovs-appctl", "-t", Path.Combine(scratch.OvsRun, $"ovs-vswitchd.{DaemonScratch.Text(now)}.ctl"), "version"));
            // The database persisted: vswitchd re-creates the bridge from it.
            await Eventually.TrueAsync(async () => (await scratch.RunAsync("ip", "link", "show", "br-deploy")).ExitCode == 0, "br-deploy after the restart");

            second.Signal(SignalSender.SigTerm);
            Assert.Equal(0, await second.WaitExitAsync());
            Assert.False(File.Exists(vswitchdPid), second.Output);
            Assert.False(File.Exists(serverPid), second.Output);
        }
    }

    [Fact]
    public async Task OvnController_WithOvsAndSouthbound_RegistersItsChassisAndConnects()
    {
        await using var scratch = await DaemonScratch.CreateAsync(withNetns: true);
        var ovs = "--db=unix:" + Path.Combine(scratch.OvsRun, "db.sock");
        var sb = "unix:" + Path.Combine(scratch.OvnRun, "ovnsb_db.sock");
        await using var sbRun = DaemonRun.Start("sb-ovsdb", scratch.Env, scratch.NetNs);
        await using var ovsRun = DaemonRun.Start("ovs-server", scratch.Env, scratch.NetNs);
        await sbRun.WaitRunningAsync();
        await ovsRun.WaitRunningAsync();
        var chassis = "deploy-" + Guid.NewGuid().ToString("N")[..8];
        // Started before the node agent has written system-id: it waits instead of starting ovn-controller.
        await using var controller = DaemonRun.Start("ovn-controller", scratch.Env, scratch.NetNs);
        await Eventually.TrueAsync(() => Task.FromResult(controller.Output.Contains("waiting before starting ovn-controller", StringComparison.Ordinal)),
            "the wait for system-id");
        Assert.Null(DaemonScratch.LockHolder(Path.Combine(scratch.OvnRun, "ovn-controller.pid")));
        // What the node agent writes (it owns system-id); ovn-controller creates br-int with the netdev datapath.
        await scratch.OkAsync("ovs-vsctl", ovs, "--no-wait", "set", "Open_vSwitch", ".", $"external_ids:system-id={chassis}",
            $"external_ids:ovn-remote=\"{sb}\"", "external_ids:ovn-encap-type=geneve", "external_ids:ovn-encap-ip=127.0.0.1",
            "external_ids:ovn-bridge-datapath-type=netdev");
        await controller.WaitRunningAsync();
        await Eventually.TrueAsync(async () => (await scratch.OkAsync("ovn-sbctl", "--db=" + sb, "--bare", "--columns=name", "list", "Chassis")).Contains(chassis, StringComparison.Ordinal),
            "the Chassis row in the SB");
        var pid = DaemonScratch.LockHolder(Path.Combine(scratch.OvnRun, "ovn-controller.pid"))!.Value;
        var ctl = Path.Combine(scratch.OvnRun, $"ovn-controller.{DaemonScratch.Text(pid)}.ctl");
        await Eventually.TrueAsync(async () => (await scratch.OkAsync("ovn-appctl", "-t", ctl, "connection-status")).Trim() == "connected", "connection-status connected");
        await scratch.OkAsync("ovs-vsctl", ovs, "br-exists", "br-int");

        controller.Signal(SignalSender.SigTerm);
        Assert.Equal(0, await controller.WaitExitAsync());
        Assert.False(File.Exists(Path.Combine(scratch.OvnRun, "ovn-controller.pid")), controller.Output);
    }
}
