using System.Diagnostics;
using System.Globalization;

namespace Ovnk.Bench.Controller;

/// <summary><c>ovnk controller</c> as a child process (so its RSS is its own), scraped over /metrics; killed by pid.</summary>
internal sealed class ChildController : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private ChildController(Process process, int port)
    {
        _process = process;
        Metrics = new Uri($"http://127.0.0.1:{port}/metrics");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Metrics { get; }

    public static ChildController Start(string kubeconfig, string nbRemote)
    {
        var port = TestSupport.OvsdbServer.FreeTcpPort();
        var ovnk = Environment.ProcessPath ?? throw new InvalidOperationException("cannot locate the ovnk binary");
        var info = new ProcessStartInfo(ovnk) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "controller", "--kubeconfig", kubeconfig, "--nb", nbRemote, "--no-leader-elect", "--metrics-port", port.ToString(CultureInfo.InvariantCulture), "--workers", "8" })
            info.ArgumentList.Add(a);
        return new ChildController(Process.Start(info) ?? throw new InvalidOperationException("ovnk controller did not start"), port);
    }

    /// <summary>The metrics text, or null while the endpoint is not up.</summary>
    public async Task<string?> ScrapeAsync(CancellationToken ct)
    {
        try { return await _http.GetStringAsync(Metrics, ct); }
        catch (HttpRequestException) { return null; }
    }

    /// <summary>Resident set size in MB (/proc/PID/status VmRSS).</summary>
    public double RssMb()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _http.Dispose();
    }
}
