using System.Diagnostics;
using Ovnk.Ovsdb.Client;

namespace Ovnk.Bench;

/// <summary>Our client as a controller uses it: a monitor-fed cache of the written tables, then the transactions.</summary>
internal static class OursRunner
{
    public static OvsdbClientOptions Options { get; } = new() { InactivityProbe = TimeSpan.Zero };

    /// <summary>
    /// Runs <paramref name="warmUp"/> unmeasured, then <paramref name="workload"/> with <paramref name="window"/>
    /// transactions in flight (<paramref name="window"/> tasks each awaiting one <c>TransactAsync</c> at a time); returns
    /// the elapsed time and this process's CPU time over the timed part.
    /// </summary>
    public static async Task<(TimeSpan Elapsed, TimeSpan Cpu)> RunAsync(string remote, TxnWorkload warmUp, TxnWorkload workload, int window,
        CancellationToken cancellationToken)
    {
        await using var client = await OvsdbClient.ConnectAsync(remote, Options, cancellationToken);
        var cache = await client.CreateCacheAsync(TxnWorkload.Db, TxnWorkload.Tables, cancellationToken);
        await TransactAllAsync(client, warmUp, window, cancellationToken);
        var before = cache.Table("Logical_Switch_Port").Count;
        var cpu = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        await TransactAllAsync(client, workload, window, cancellationToken);
        var (elapsed, used) = (clock.Elapsed, Environment.CpuUsage.TotalTime - cpu);
        var seen = cache.Table("Logical_Switch_Port").Count - before;
        if (seen != workload.Count) // the README's invariant: own writes are in the cache when TransactAsync returns
            throw new InvalidOperationException($"our cache holds {seen} of the {workload.Count} ports just written");
        return (elapsed, used);
    }

    private static Task TransactAllAsync(OvsdbClient client, TxnWorkload workload, int window, CancellationToken cancellationToken)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, Math.Min(window, workload.Count)).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < workload.Count)
                await client.TransactAsync(TxnWorkload.Db, workload.Operations(i), cancellationToken);
        }));
    }
}
