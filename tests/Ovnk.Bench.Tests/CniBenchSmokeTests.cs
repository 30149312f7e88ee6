using System.Text.Json;
using Ovnk.TestSupport;

namespace Ovnk.Bench.Tests;

/// <summary>
/// <c>ovnk bench cni</c> at a tiny size, end to end: a real node (ovs-vswitchd netdev, NB/SB, ovn-northd,
/// ovn-controller, the lab API server), the real NativeAOT plugin and the reference bridge plugin. Behaviour only:
/// every figure issue 6 asks for is printed, consistent and positive; nothing is compared to a target; nothing is left
/// behind (temp dirs, network namespaces).
/// </summary>
public sealed class CniBenchSmokeTests
{
    private static readonly string[] Keys =
    [
        "add_p50_ms", "add_p99_ms", "del_p50_ms", "del_p99_ms", "floor_p50_ms", "ratio_vs_floor", "bridge_add_p50_ms", "bridge_add_p99_ms",
        "bridge_del_p50_ms", "bridge_del_p99_ms", "burst30_p50_ms", "burst30_p99_ms", "floor_veth_p50_ms", "floor_ofport_p50_ms", "floor_bind_p50_ms",
        "stage_exec_to_port_p50_ms", "stage_port_to_ofport_p50_ms", "stage_ofport_to_installed_p50_ms", "stage_installed_to_reply_p50_ms",
        "exec_version_p50_ms", "agent_veth_p50_ms", "agent_port_commit_p50_ms", "agent_ofport_p50_ms", "agent_ovn_installed_p50_ms", "agent_total_p50_ms",
    ];

    [Fact]
    public async Task TinyRun_PrintsEveryFigureConsistently_AndLeavesNothingBehind()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ovnk.dll");
        using var tmp = new TempDirectory("ovnk-cnibenchtest");
        var namespacesBefore = BenchNamespaces();
        var run = await Proc.RunAsync("dotnet", [dll, "bench", "cni", "--count", "5", "--burst", "3"], TimeSpan.FromMinutes(6),
            env: new Dictionary<string, string> { ["NO_COLOR"] = "1", ["TMPDIR"] = tmp.Path });
        run.EnsureSuccess("ovnk bench cni --count 5 --burst 3");

        var last = run.Stdout.TrimEnd().Split('\n')[^1];
        using var json = JsonDocument.Parse(last);
        var f = Keys.ToDictionary(k => k, k => json.RootElement.TryGetProperty(k, out var v) ? v.GetDouble() : throw new Xunit.Sdk.XunitException($"the JSON lacks {k}: {last}"));
        foreach (var (key, value) in f)
            Assert.True(value > 0 && double.IsFinite(value), $"{key} is {value}");
        Assert.Equal(5, json.RootElement.GetProperty("count").GetInt32());
        Assert.Equal(3, json.RootElement.GetProperty("burst").GetInt32());
        Assert.True(f["add_p50_ms"] <= f["add_p99_ms"] && f["bridge_add_p50_ms"] <= f["bridge_add_p99_ms"] && f["burst30_p50_ms"] <= f["burst30_p99_ms"], last);
        // The JSON rounds each figure to 0.01, so sums and ratios of printed figures agree only within that rounding.
        Assert.Equal(f["floor_veth_p50_ms"] + f["floor_ofport_p50_ms"] + f["floor_bind_p50_ms"], f["floor_p50_ms"], tolerance: 0.05);
        Assert.Equal(f["add_p50_ms"] / f["floor_p50_ms"], f["ratio_vs_floor"], tolerance: Math.Max(0.05, 0.02 * f["ratio_vs_floor"]));
        // An ADD ends after ovn-installed: the stages the monitor saw fit inside it (p50s of different samples, so loosely).
        Assert.True(f["stage_port_to_ofport_p50_ms"] + f["stage_ofport_to_installed_p50_ms"] <= f["add_p99_ms"], last);
        // The agent's own time (annotation found → reply) is part of every ADD the plugin timed.
        Assert.True(f["agent_total_p50_ms"] <= f["add_p99_ms"], last);
        Assert.Contains("inside the agent (p50): annotation", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("floor (same run)", run.Stdout, StringComparison.Ordinal); // the breakdown came before the JSON

        Assert.Empty(Directory.GetFileSystemEntries(tmp.Path)); // every daemon's and the lab's temp dir is gone
        Assert.Equal(namespacesBefore, BenchNamespaces()); // node, peer and every pod netns deleted
    }

    [Fact]
    public async Task NonPositiveCount_FailsWithAClearMessage_AndStartsNothing()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ovnk.dll");
        var run = await Proc.RunAsync("dotnet", [dll, "bench", "cni", "--count", "0"], TimeSpan.FromSeconds(60));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("must be positive", run.Stderr, StringComparison.Ordinal);
    }

    private static string[] BenchNamespaces() =>
        Directory.Exists("/run/netns") ? [.. Directory.GetFiles("/run/netns", "bcni-*").Order(StringComparer.Ordinal)] : [];
}
