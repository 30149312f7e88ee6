using System.Text.Json;
using Ovnk.TestSupport;

namespace Ovnk.Bench.Tests;

/// <summary>
/// <c>ovnk bench ovsdb --quick</c> end to end, against real ovsdb-server processes and the real Python IDL: every
/// figure the Foundation issue asks for is present and positive. Behaviour only: no figure is compared to a target.
/// </summary>
public sealed class BenchSmokeTests
{
    private static readonly string[] Keys =
    [
        "ours_txn_per_s", "raw_txn_per_s", "python_txn_per_s", "ratio_vs_raw", "ratio_vs_python",
        "seq_ours_txn_per_s", "seq_raw_txn_per_s", "seq_python_txn_per_s", "seq_ratio_vs_raw", "seq_ratio_vs_python",
        "load_200k_s", "dump_200k_s", "dump_json_200k_s", "raw_load_200k_s", "cache_bytes_per_row",
        "cluster_ours_txn_per_s", "cluster_raw_txn_per_s", "cluster_python_txn_per_s", "cluster_ratio_vs_raw",
        "cluster_seq_ours_txn_per_s", "cluster_seq_raw_txn_per_s", "cluster_seq_ratio_vs_raw",
    ];

    [Fact]
    public async Task QuickRun_PrintsOneJsonObjectLast_WithEveryFigurePositive()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ovnk.dll");
        using var tmp = new TempDirectory("ovnk-benchtest"); // the run's TMPDIR: what it leaves behind is visible here
        var run = await Proc.RunAsync("dotnet", [dll, "bench", "ovsdb", "--quick"], TimeSpan.FromMinutes(4),
            env: new Dictionary<string, string> { ["NO_COLOR"] = "1", ["TMPDIR"] = tmp.Path });
        run.EnsureSuccess("ovnk bench ovsdb --quick");

        var last = run.Stdout.TrimEnd().Split('\n')[^1];
        using var json = JsonDocument.Parse(last);
        foreach (var key in Keys)
        {
            Assert.True(json.RootElement.TryGetProperty(key, out var value), $"the JSON lacks {key}: {last}");
            Assert.True(value.GetDouble() > 0, $"{key} is {value}");
        }
        Assert.Equal(2000, json.RootElement.GetProperty("load_rows").GetDouble());
        Assert.Contains("cache bytes per row", run.Stdout, StringComparison.Ordinal); // the human-readable table came first
        Assert.Empty(Directory.GetFileSystemEntries(tmp.Path)); // every server's and script's temp dir is gone
    }

    [Fact]
    public async Task NonPositiveCount_FailsWithAClearMessage_AndStartsNothing()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ovnk.dll");
        var run = await Proc.RunAsync("dotnet", [dll, "bench", "ovsdb", "--n", "0"], TimeSpan.FromSeconds(30));
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("must be positive", run.Stderr, StringComparison.Ordinal);
    }
}
