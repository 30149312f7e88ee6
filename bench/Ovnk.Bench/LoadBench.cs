using System.Diagnostics;
using Ovnk.Ovsdb.Cache;
using Ovnk.Ovsdb.Client;
using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Protocol;
using Ovnk.TestSupport;

namespace Ovnk.Bench;

/// <summary>
/// The initial monitor load: a standalone server holding <c>rows</c> ports; our <c>CreateCacheAsync</c> against the
/// wall time of <c>ovsdb-client dump</c> of the same table, and the cache's memory per row.
/// </summary>
internal static class LoadBench
{
    private const int Batch = 10_000;

    public static async Task RunAsync(BenchFigures figures, int rows, Action<string> log, CancellationToken cancellationToken)
    {
        await using var server = await OvsdbServer.StartAsync(OvsdbServer.NorthboundSchema);
        log($"load: inserting {rows} ports in transactions of {Batch}");
        await FillAsync(server.UnixRemote, rows, cancellationToken);

        figures["dump_200k_s"] = await DumpAsync(server.UnixRemote, "", log);
        figures["dump_json_200k_s"] = await DumpAsync(server.UnixRemote, "--format=json ", log);

        log("load: raw monitor_cond reply (read and framed, not parsed)");
        figures["raw_load_200k_s"] = (await RawClient.LoadAsync(server.UnixRemote["unix:".Length..], "Logical_Switch_Port", cancellationToken)).TotalSeconds;

        log("load: our CreateCacheAsync(Logical_Switch_Port)");
        var cache = await LoadOursAsync(figures, server.UnixRemote, rows, cancellationToken);
        var count = cache.Table("Logical_Switch_Port").Count;
        if (count != rows)
            throw new InvalidOperationException($"the cache holds {count} of {rows} ports after the initial load");
        figures["load_rows"] = rows;
        figures["load_vs_dump"] = figures["load_200k_s"] / figures["dump_200k_s"];
        figures["load_vs_raw_load"] = figures["load_200k_s"] / figures["raw_load_200k_s"];
        GC.KeepAlive(cache);
    }

    /// <summary>The wall time of <c>ovsdb-client [options] dump</c> of the ports, output discarded.</summary>
    private static async Task<double> DumpAsync(string remote, string options, Action<string> log)
    {
        log($"load: ovsdb-client {options}dump Logical_Switch_Port");
        var clock = Stopwatch.StartNew();
        (await Proc.RunAsync("/bin/sh", ["-c", $"exec ovsdb-client {options}dump \"$0\" OVN_Northbound Logical_Switch_Port >/dev/null",
            remote], TimeSpan.FromMinutes(5))).EnsureSuccess($"ovsdb-client {options}dump");
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Times our initial load and measures the heap it adds, with the client connected and without it.</summary>
    private static async Task<DatabaseCache> LoadOursAsync(BenchFigures figures, string remote, int rows,
        CancellationToken cancellationToken)
    {
        var client = await OvsdbClient.ConnectAsync(remote, OursRunner.Options, cancellationToken);
        DatabaseCache cache;
        long before;
        await using (client)
        {
            before = GC.GetTotalMemory(forceFullCollection: true);
            var clock = Stopwatch.StartNew();
            cache = await client.CreateCacheAsync(TxnWorkload.Db, ["Logical_Switch_Port"], cancellationToken);
            figures["load_200k_s"] = clock.Elapsed.TotalSeconds;
            // Replies complete their callers asynchronously, so right now the read loop may still be finishing the
            // dispatch of the ~100 MB reply and hold its parsed document. One round trip lets the connection go idle;
            // without it this figure counted that transient document (+~600 B/row, gone 200 ms later).
            await client.EchoAsync(cancellationToken);
            figures["cache_bytes_per_row"] = (double)(GC.GetTotalMemory(forceFullCollection: true) - before) / rows;
        }
        // Without the connection: what the cache alone holds (the difference is buffers the connection keeps).
        figures["cache_only_bytes_per_row"] = (double)(GC.GetTotalMemory(forceFullCollection: true) - before) / rows;
        return cache;
    }

    /// <summary>Ports in batches, each batch referenced by one new switch (ports are not a root table).</summary>
    private static async Task FillAsync(string remote, int rows, CancellationToken cancellationToken)
    {
        await using var loader = await OvsdbClient.ConnectAsync(remote, OursRunner.Options, cancellationToken);
        for (var start = 0; start < rows; start += Batch)
        {
            var size = Math.Min(Batch, rows - start);
            var ops = new List<Operation>(size + 1);
            for (var j = 0; j < size; j++)
                ops.Add(new Insert("Logical_Switch_Port", new OvsdbRow
                {
                    ["name"] = $"load-{start + j}",
                    ["external_ids"] = OvsdbMap.Of(("bench", "load")),
                }, $"p{j}"));
            ops.Add(new Insert("Logical_Switch", new OvsdbRow
            {
                ["name"] = $"load-sw-{start / Batch}",
                ["ports"] = OvsdbSet.Of(Enumerable.Range(0, size).Select(j => (object)new NamedUuid($"p{j}")).ToArray()),
            }));
            await loader.TransactAsync(TxnWorkload.Db, ops, cancellationToken);
        }
    }
}
