using Ovnk.Linux.Processes;

namespace Ovnk.Cli.Tests.Daemons;

/// <summary>
/// <c>ovnk daemon nb-ovsdb|sb-ovsdb|ovn-northd</c> with the real ovsdb-server and ovn-northd, each test in its own
/// network namespace (so the default ports 6641/6642 on all addresses are used as in a cluster) and temp directories.
/// </summary>
public sealed class CentralDatabaseDaemonTests
{
    [Fact]
    public async Task NbOvsdb_FreshDirectories_CreatesTheDatabaseAndListensOnSocketAndTcpWithTheProbe()
    {
        await using var scratch = await DaemonScratch.CreateAsync(withNetns: true);
        var socket = "unix:" + Path.Combine(scratch.OvnRun, "ovnnb_db.sock");
        await using (var run = DaemonRun.Start("nb-ovsdb", scratch.Env, scratch.NetNs))
        {
            await run.WaitRunningAsync();
            Assert.Contains("OVN_Northbound", await scratch.OkAsync("ovsdb-client", "--timeout=10", "list-dbs", socket));
            await Eventually.TrueAsync(async () => (await scratch.RunAsync("ovsdb-client", "--timeout=5", "list-dbs", "tcp:127.0.0.1:6641")).ExitCode == 0,
                "the NB on tcp:127.0.0.1:6641");
            Assert.Equal("ptcp:6641:0.0.0.0", (await scratch.OkAsync("ovn-nbctl", "--db=" + socket, "get-connection")).Trim());
            Assert.Equal("60000", (await scratch.OkAsync("ovn-nbctl", "--db=" + socket, "--bare", "--columns=inactivity_probe", "list", "Connection")).Trim());
            await scratch.OkAsync("ovn-nbctl", "--db=" + socket, "ls-add", "sw-deploy");
            var connection = (await scratch.OkAsync("ovn-nbctl", "--db=" + socket, "--bare", "--columns=_uuid", "list", "Connection")).Trim();

            run.Signal(SignalSender.SigTerm);
            Assert.Equal(0, await run.WaitExitAsync());
            Assert.False(File.Exists(Path.Combine(scratch.OvnRun, "ovnnb_db.pid")), run.Output);
            Assert.False(File.Exists(Path.Combine(scratch.OvnRun, "ovnnb_db.sock")), run.Output);

            // A restart keeps the data and writes nothing: the Connection row is already right.
            await using var again = DaemonRun.Start("nb-ovsdb", scratch.Env, scratch.NetNs);
            await again.WaitRunningAsync();
            Assert.Contains("sw-deploy", await scratch.OkAsync("ovn-nbctl", "--db=" + socket, "ls-list"));
            Assert.Equal(connection, (await scratch.OkAsync("ovn-nbctl", "--db=" + socket, "--bare", "--columns=_uuid", "list", "Connection")).Trim());
            Assert.DoesNotContain("creating", again.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SbOvsdbAndNorthd_NorthboundSwitch_AppearsInTheSouthbound()
    {
        await using var scratch = await DaemonScratch.CreateAsync(withNetns: true);
        var nbSocket = "unix:" + Path.Combine(scratch.OvnRun, "ovnnb_db.sock");
        var sbSocket = "unix:" + Path.Combine(scratch.OvnRun, "ovnsb_db.sock");
        await using var nb = DaemonRun.Start("nb-ovsdb", scratch.Env, scratch.NetNs);
        await using var sb = DaemonRun.Start("sb-ovsdb", scratch.Env, scratch.NetNs);
        await nb.WaitRunningAsync();
        await sb.WaitRunningAsync();
        Assert.EndsWith(" ptcp:6642:0.0.0.0", (await scratch.OkAsync("ovn-sbctl", "--db=" + sbSocket, "get-connection")).Trim()); // "read-write role=\"\" …"
        await Eventually.TrueAsync(async () => (await scratch.RunAsync("ovsdb-client", "--timeout=5", "list-dbs", "tcp:127.0.0.1:6642")).ExitCode == 0,
            "the SB on tcp:127.0.0.1:6642");

        // northd over TCP, as the ovnkube-master pod reaches the ovnkube-db pod (OVN_NB/OVN_SB from the ConfigMap).
        var env = new Dictionary<string, string>(scratch.Env) { ["OVN_NB"] = "tcp:127.0.0.1:6641", ["OVN_SB"] = "tcp:127.0.0.1:6642" };
        await using var northd = DaemonRun.Start("ovn-northd", env, scratch.NetNs);
        await northd.WaitRunningAsync();
        await scratch.OkAsync("ovn-nbctl", "--db=" + nbSocket, "ls-add", "sw0");
        await Eventually.TrueAsync(async () => (await scratch.OkAsync("ovn-sbctl", "--db=" + sbSocket, "--bare", "--columns=external_ids", "list", "Datapath_Binding")).Contains("name=sw0", StringComparison.Ordinal),
            "sw0's Datapath_Binding in the SB");
        var pid = DaemonScratch.LockHolder(Path.Combine(scratch.OvnRun, "ovn-northd.pid"));
        Assert.NotNull(pid);
        Assert.Contains("Status: active", await scratch.OkAsync("ovn-appctl", "-t", Path.Combine(scratch.OvnRun, $"ovn-northd.{DaemonScratch.Text(pid.Value)}.ctl"), "status"));

        northd.Signal(SignalSender.SigTerm);
        Assert.Equal(0, await northd.WaitExitAsync());
    }

    [Fact]
    public async Task NbOvsdb_OvnkKilledWithSigkill_NextStartStopsTheOrphanAndServes()
    {
        await using var scratch = await DaemonScratch.CreateAsync(withNetns: true);
        var pidFile = Path.Combine(scratch.OvnRun, "ovnnb_db.pid");
        await using var first = DaemonRun.Start("nb-ovsdb", scratch.Env, scratch.NetNs);
        await first.WaitRunningAsync();
        var orphan = DaemonScratch.LockHolder(pidFile);
        Assert.NotNull(orphan);
        first.Signal(SignalSender.SigKill);
        await first.WaitExitAsync();
        Assert.Equal(orphan, DaemonScratch.LockHolder(pidFile)); // the daemon outlived its supervisor

        await using var second = DaemonRun.Start("nb-ovsdb", scratch.Env, scratch.NetNs);
        await second.WaitRunningAsync();
        Assert.Contains("previous incarnation", second.Output, StringComparison.Ordinal);
        var now = DaemonScratch.LockHolder(pidFile);
        Assert.NotNull(now);
        Assert.NotEqual(orphan, now);
        Assert.False(IsRunning(orphan.Value), "the orphan still runs");
        Assert.Contains("OVN_Northbound", await scratch.OkAsync("ovsdb-client", "--timeout=10", "list-dbs", "unix:" + Path.Combine(scratch.OvnRun, "ovnnb_db.sock")));
    }

    [Fact]
    public async Task NbOvsdb_DaemonKilledWithSigkill_ExitsNonZeroAndTheRestartIsClean()
    {
        await using var scratch = await DaemonScratch.CreateAsync(withNetns: true);
        var pidFile = Path.Combine(scratch.OvnRun, "ovnnb_db.pid");
        await using var first = DaemonRun.Start("nb-ovsdb", scratch.Env, scratch.NetNs);
        await first.WaitRunningAsync();
        var daemon = DaemonScratch.LockHolder(pidFile)!.Value;
        SignalSender.Send(daemon, SignalSender.SigKill);
        Assert.NotEqual(0, await first.WaitExitAsync());
        Assert.Contains("exited with code", first.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(pidFile), "kill -9 leaves the pid file behind (what the next start must clean)");

        await using var second = DaemonRun.Start("nb-ovsdb", scratch.Env, scratch.NetNs);
        await second.WaitRunningAsync();
        Assert.Contains("OVN_Northbound", await scratch.OkAsync("ovsdb-client", "--timeout=10", "list-dbs", "unix:" + Path.Combine(scratch.OvnRun, "ovnnb_db.sock")));
    }

    [Fact]
    public async Task NbOvsdb_BadPortInTheEnvironment_ExitsTwoNamingTheVariable()
    {
        await using var scratch = await DaemonScratch.CreateAsync(withNetns: false);
        var env = new Dictionary<string, string>(scratch.Env) { ["OVN_NB_PORT"] = "66x41" };
        await using var run = DaemonRun.Start("nb-ovsdb", env);
        Assert.Equal(2, await run.WaitExitAsync());
        Assert.Contains("OVN_NB_PORT='66x41'", run.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(scratch.OvnRun), "nothing is created for a bad setting");
    }

    /// <summary>Alive and not a zombie (its new parent may reap it late).</summary>
    internal static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{DaemonScratch.Text(pid)}/stat");
            return !stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
