using System.Diagnostics;

namespace Ovnk.TestSupport;

/// <summary>
/// A real <c>ovn-northd</c> between a test's NB and SB servers, with its own rundir, log and control socket in a
/// temp directory. Started as a child process and stopped by its pid on dispose.
/// </summary>
public sealed class OvnNorthd : IAsyncDisposable
{
    private readonly Daemon _daemon;

    private OvnNorthd(TempDirectory dir, Daemon daemon)
    {
        Directory = dir;
        _daemon = daemon;
    }

    /// <summary>The directory (log, control socket, pid file).</summary>
    public TempDirectory Directory { get; }

    /// <summary>The log file.</summary>
    public string LogFile => Directory.File("ovn-northd.log");

    /// <summary>The pid.</summary>
    public int Pid => _daemon.Pid;

    /// <summary>Starts ovn-northd on <paramref name="nbRemote"/> and <paramref name="sbRemote"/>.</summary>
    public static async Task<OvnNorthd> StartAsync(string nbRemote, string sbRemote)
    {
        var dir = new TempDirectory("ovnk-northd");
        var daemon = Daemon.Start("ovn-northd",
        [
            "--ovnnb-db=" + nbRemote, "--ovnsb-db=" + sbRemote, "--log-file=" + dir.File("ovn-northd.log"),
            "--unixctl=" + dir.File("ovn-northd.ctl"), "--pidfile=" + dir.File("ovn-northd.pid"), "-vconsole:off", "-vfile:info",
        ], new Dictionary<string, string> { ["OVN_RUNDIR"] = dir.Path, ["OVS_RUNDIR"] = dir.Path }, log: dir.File("ovn-northd.log"));
        var northd = new OvnNorthd(dir, daemon);
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(dir.File("ovn-northd.ctl")))
        {
            if (daemon.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                await northd.DisposeAsync();
                throw new InvalidOperationException("ovn-northd did not start within 10 s; see its log in " + dir.Path);
            }
            await Task.Delay(20);
        }
        return northd;
    }

    /// <summary>Waits until northd has processed everything in the NB (<c>ovn-nbctl --wait=sb sync</c>).</summary>
    public static async Task SyncAsync(OvsdbServer nb) =>
        (await Proc.RunAsync("ovn-nbctl", ["--db=" + nb.UnixRemote, "--wait=sb", "--timeout=30", "sync"], TimeSpan.FromSeconds(40))).EnsureSuccess("ovn-nbctl --wait=sb sync");

    /// <summary>The log lines at WARN level or worse.</summary>
    public IReadOnlyList<string> Warnings() =>
        File.Exists(LogFile) ? [.. File.ReadAllLines(LogFile).Where(l => l.Contains("|WARN|", StringComparison.Ordinal) || l.Contains("|ERR|", StringComparison.Ordinal) || l.Contains("|EMER|", StringComparison.Ordinal))] : [];

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _daemon.DisposeAsync();
        Directory.Dispose();
    }
}
