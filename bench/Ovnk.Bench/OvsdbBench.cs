using Ovnk.Ovsdb.Client;
using Ovnk.TestSupport;

namespace Ovnk.Bench;

/// <summary>
/// <c>ovnk bench ovsdb</c>: against one standalone ovsdb-server (NB schema), then a 3-member RAFT cluster, the raw
/// floor client, our client and the OVS Python IDL each run single-port insert transactions, sequentially and with
/// a window in flight, all monitoring the tables they write; then the initial monitor load. Every server runs in a
/// temp directory and is stopped by its pid, also when a step fails.
/// </summary>
public static class OvsdbBench
{
    /// <summary>Runs everything and returns the figures (the top-level ones are standalone and pipelined).</summary>
    public static async Task<BenchFigures> RunAsync(BenchSettings settings, Action<string> log, CancellationToken cancellationToken)
    {
        var figures = new BenchFigures();
        figures["n"] = settings.Transactions;
        figures["cluster_n"] = settings.ClusterTransactions;
        figures["window"] = settings.Window;
        using var python = new PythonIdlRunner();
        await using (var server = await OvsdbServer.StartAsync(OvsdbServer.NorthboundSchema))
        {
            log("standalone ovsdb-server at " + server.UnixRemote);
            var target = new Target("", server.UnixRemote, server.UnixRemote, settings.Transactions);
            await RunTransactionsAsync(figures, target, settings, python, log, cancellationToken);
        }
        await using (var cluster = await OvsdbCluster.StartAsync())
        {
            var leader = await cluster.LeaderAsync();
            log($"3-member cluster, leader s{leader}");
            var target = new Target("cluster_", cluster.Remote, cluster.MemberRemote(leader), settings.ClusterTransactions);
            await RunTransactionsAsync(figures, target, settings, python, log, cancellationToken);
        }
        await LoadBench.RunAsync(figures, settings.LoadRows, log, cancellationToken);
        return figures;
    }

    /// <summary>Where a set of runs goes: our client and the IDL get every remote; the raw client the leader's socket.</summary>
    private sealed record Target(string Prefix, string Remote, string LeaderRemote, int Transactions);

    private static async Task RunTransactionsAsync(BenchFigures figures, Target target, BenchSettings settings,
        PythonIdlRunner python, Action<string> log, CancellationToken cancellationToken)
    {
        await using var setup = await OvsdbClient.ConnectAsync(target.Remote, OursRunner.Options, cancellationToken);
        var n = target.Transactions;
        var socket = target.LeaderRemote["unix:".Length..];
        foreach (var (mode, window) in new[] { ("seq_", 1), ("", settings.Window) })
        {
            Task<TxnWorkload> Workload(string name, int count) =>
                TxnWorkload.CreateAsync(setup, $"{name}-{(window == 1 ? "seq" : "pipe")}", count, settings.Switches, cancellationToken);
            // Client CPU per transaction (the timed part only) as well as throughput: on a shared 2-core box it is
            // the steadier figure.
            async Task Measure(string client, TxnWorkload workload, Func<Task<(TimeSpan Elapsed, TimeSpan Cpu)>> run)
            {
                log($"{target.Prefix}{mode}{client}: {workload.Count} transactions, {window} in flight");
                var (elapsed, cpu) = await run();
                await workload.VerifyAsync(setup, client, cancellationToken);
                figures[$"{target.Prefix}{mode}{client}_txn_per_s"] = workload.Count / elapsed.TotalSeconds;
                figures[$"{target.Prefix}{mode}{client}_cpu_us_per_txn"] = cpu.TotalMicroseconds / workload.Count;
            }

            await RawClient.RunAsync(socket, await Workload("rawwarm", settings.WarmUp(n)), window, cancellationToken);
            var raw = await Workload("raw", n);
            await Measure("raw", raw, () => RawClient.RunAsync(socket, raw, window, cancellationToken));
            var (warm, ours) = (await Workload("ourswarm", settings.WarmUp(n)), await Workload("ours", n));
            await Measure("ours", ours, () => OursRunner.RunAsync(target.Remote, warm, ours, window, cancellationToken));
            var py = await Workload("python", n);
            await Measure("python", py, () => python.RunAsync(target.Remote, py, window));

            var p = target.Prefix + mode;
            figures[p + "ratio_vs_raw"] = figures[p + "ours_txn_per_s"] / figures[p + "raw_txn_per_s"];
            figures[p + "ratio_vs_python"] = figures[p + "ours_txn_per_s"] / figures[p + "python_txn_per_s"];
        }
    }
}
