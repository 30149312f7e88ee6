using System.Globalization;
using Ovnk.Linux.Files;
using Ovnk.TestSupport;

namespace Ovnk.Cli.Tests.Daemons;

/// <summary>
/// A test's temp directory, its own network namespace (<c>deploy-XXXXXX</c>, lo up), and a safety net: on dispose
/// every daemon still holding a pid-file lock under the directory (e.g. orphaned by a kill -9 of ovnk) is killed by
/// that pid, the namespace is deleted and the directory removed.
/// </summary>
internal sealed class DaemonScratch : IAsyncDisposable
{
    private DaemonScratch(TempDirectory dir, string? netns)
    {
        Dir = dir;
        NetNs = netns;
        Env = DaemonRun.Directories(dir.Path);
    }

    public TempDirectory Dir { get; }

    public string? NetNs { get; }

    public Dictionary<string, string> Env { get; }

    public string OvsRun => Env["OVS_RUNDIR"];

    public string OvnRun => Env["OVN_RUNDIR"];

    public static async Task<DaemonScratch> CreateAsync(bool withNetns)
    {
        var dir = new TempDirectory("ovnk-daemon");
        string? ns = null;
        if (withNetns)
        {
            ns = "deploy-" + Guid.NewGuid().ToString("N")[..6];
            (await Proc.RunAsync("ip", ["netns", "add", ns])).EnsureSuccess("ip netns add");
            (await Proc.RunAsync("ip", ["-n", ns, "link", "set", "lo", "up"])).EnsureSuccess("ip link set lo up");
        }
        return new DaemonScratch(dir, ns);
    }

    /// <summary>The pid holding the lock of a pid file, or null.</summary>
    public static int? LockHolder(string pidFile) => PidFileLock.Holder(pidFile);

    public async ValueTask DisposeAsync()
    {
        foreach (var pidFile in Directory.EnumerateFiles(Dir.Path, "*.pid", SearchOption.AllDirectories))
        {
            if (PidFileLock.Holder(pidFile) is int pid and > 0)
                Ovnk.Linux.Processes.SignalSender.Send(pid, Ovnk.Linux.Processes.SignalSender.SigKill);
        }
        if (NetNs is not null)
            await Proc.RunAsync("ip", ["netns", "del", NetNs]);
        Dir.Dispose();
    }

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
