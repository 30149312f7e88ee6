using System.Globalization;
using System.Text.Json;
using Ovnk.TestSupport;

namespace Ovnk.Bench;

/// <summary>
/// The OVS Python IDL (python3-openvswitch) running <c>idl_bench.py</c>: the script times its own transactions
/// after its initial monitor load, so interpreter start-up is not counted against it.
/// </summary>
internal sealed class PythonIdlRunner : IDisposable
{
    public const string Python = "/usr/bin/python3";

    private readonly TempDirectory _dir = new("ovnk-bench-py");

    public PythonIdlRunner()
    {
        using var resource = typeof(PythonIdlRunner).Assembly.GetManifestResourceStream("idl_bench.py")
            ?? throw new InvalidOperationException("idl_bench.py is not embedded in Ovnk.Bench; rebuild the bench project");
        using var file = File.Create(Script);
        resource.CopyTo(file);
    }

    private string Script => _dir.File("idl_bench.py");

    /// <summary>Runs the workload; returns the elapsed time and the CPU time the script measured.</summary>
    public async Task<(TimeSpan Elapsed, TimeSpan Cpu)> RunAsync(string remote, TxnWorkload workload, int window)
    {
        var result = await Proc.RunAsync(Python, [Script, remote, OvsdbServer.NorthboundSchema,
            workload.Count.ToString(CultureInfo.InvariantCulture), window.ToString(CultureInfo.InvariantCulture),
            workload.Prefix, workload.Switches.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(5));
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"the Python IDL benchmark failed ({result.ExitCode}): {result.Stderr.Trim()}. " +
                "Is python3-openvswitch installed? (scripts/bootstrap.sh installs it)");
        var line = result.Stdout.Trim().Split('\n')[^1];
        using var json = JsonDocument.Parse(line);
        return (TimeSpan.FromSeconds(json.RootElement.GetProperty("seconds").GetDouble()),
            TimeSpan.FromSeconds(json.RootElement.GetProperty("cpu_s").GetDouble()));
    }

    public void Dispose() => _dir.Dispose();
}
