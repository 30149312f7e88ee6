using System.Diagnostics;

namespace Ovnk.Controller.Tests.Support;

/// <summary>
/// <c>ovnk controller</c> as a child process (the published apphost next to the tests), so a test can kill it
/// with SIGKILL mid-work. Stopped by its own pid on dispose; its output is kept for failure messages.
/// </summary>
public sealed class ChildController : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private ChildController(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The pid.</summary>
    public int Pid => _process.Id;

    /// <summary>What it printed so far.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Starts <c>ovnk controller</c> against the cluster; with <paramref name="leaseSeconds"/> it campaigns for the Lease.</summary>
    public static ChildController Start(Cluster cluster, string identity, int? leaseSeconds = null)
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "ovnk"))
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        string[] args = ["controller", "--kubeconfig", cluster.Api.KubeconfigPath, "--nb", cluster.Nb.UnixRemote, "--metrics-port", "0", "--identity", identity, "--workers", "4"];
        foreach (var a in args) info.ArgumentList.Add(a);
        if (leaseSeconds is { } s)
        {
            info.ArgumentList.Add("--lease-duration");
            info.ArgumentList.Add(s.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            info.ArgumentList.Add("--no-leader-elect");
        }
        return new ChildController(Process.Start(info) ?? throw new InvalidOperationException("ovnk did not start"));
    }

    /// <summary>SIGKILL, by pid, and wait for it.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
