using System.Diagnostics;
using System.Text;

namespace Ovnk.Cni.Tests;

/// <summary>Runs a CNI plugin binary the way a runtime does: a clean environment, config on stdin, bounded in time.</summary>
public static class PluginProcess
{
    public const string BridgePath = "/usr/lib/cni/bridge";

    /// <summary>The NativeAOT plugin the test build publishes next to the tests (see the .csproj).</summary>
    public static string OursPath { get; } = Path.Combine(AppContext.BaseDirectory, "cni-plugin", "ovn-k8s-cni-overlay");

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static async Task<PluginRun> RunAsync(string binary, IReadOnlyDictionary<string, string> env, string stdin)
    {
        if (!File.Exists(binary))
            throw new FileNotFoundException($"{binary} is missing: install containernetworking-plugins (scripts/bootstrap.sh) or rebuild the tests", binary);
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Clear();
        foreach (var (k, v) in env) start.Environment[k] = v;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {binary}");
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await WriteStdinAsync(process, stdin, timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return new PluginRun(process.ExitCode, await stdout, await stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{binary} did not finish within {Limit.TotalSeconds} s");
        }
    }

    // A plugin may exit without reading stdin (VERSION, the "about" path, env errors): a broken pipe is fine then.
    private static async Task WriteStdinAsync(Process process, string stdin, CancellationToken cancellationToken)
    {
        try
        {
            await process.StandardInput.BaseStream.WriteAsync(Encoding.UTF8.GetBytes(stdin), cancellationToken);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
        }
    }
}
