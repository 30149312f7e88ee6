using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Ovnk.Ovsdb.Cache;
using Ovnk.Ovsdb.Client;
using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Protocol;
using Ovnk.TestSupport;

namespace Ovnk.Ovsdb.Tests.Integration;

/// <summary>
/// Acceptance 4 of the Foundation issue: the OVS Python IDL (python3-openvswitch, the reference client) and our
/// client write to the same 3-member RAFT cluster at the same time. Each inserts 200 switches and adds its own keys to
/// one shared switch's external_ids with map mutations; afterwards each sees the other's rows and every key, in its
/// own view (our cache; the IDL's rows, dumped by python/idl_writer.py), and the database has every row exactly once.
/// </summary>
public sealed class PythonIdlTests
{
    private const int Count = 200;
    private const string Shared = "shared";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task IdlAndOurClientWriteConcurrently_NoLostUpdate_EachSeesTheOthersRows()
    {
        using var cts = new CancellationTokenSource(Bound);
        var ct = cts.Token;
        await using var cluster = await OvsdbCluster.StartAsync();
        await using var client = await OvsdbClient.ConnectAsync(cluster.Remote, Nb.Options, ct);
        await Nb.AddSwitchAsync(client, Shared);
        var cache = await client.CreateCacheAsync(Nb.Db, ["Logical_Switch"], ct);
        var arrivals = new ConcurrentQueue<string>(); // the order in which inserts reached our cache
        cache.Observe(e => { if (e.Kind == Monitoring.RowUpdateKind.Insert) arrivals.Enqueue(e.New!.GetString("name") ?? ""); });

        using var idl = StartIdl(cluster.Remote);
        try
        {
            Assert.Equal("ready", await idl.StandardOutput.ReadLineAsync(ct));
            var idlOutput = idl.StandardOutput.ReadToEndAsync(ct);
            var idlErrors = idl.StandardError.ReadToEndAsync(ct);
            await idl.StandardInput.WriteLineAsync("go"); // both writers start now
            await idl.StandardInput.FlushAsync(ct);
            await WriteOursAsync(client, cache, ct);
            await idl.WaitForExitAsync(ct);
            Assert.True(idl.ExitCode == 0, $"idl_writer.py exited with {idl.ExitCode}: {await idlErrors}");

            AssertComplete(IdlView(await idlOutput), "the Python IDL's view");
            await WaitAsync(() => Complete(CacheView(cache)), ct);
            AssertComplete(CacheView(cache), "our cache");
            AssertComplete(await ServerViewAsync(client, ct), "the database (select)");
            AssertInterleaved(arrivals.ToArray());
        }
        finally
        {
            if (!idl.HasExited)
                idl.Kill(); // by its own pid
        }
    }

    /// <summary>Our 200 inserts, 8 in flight; every 10th also mutates the shared map (insert of our own key).</summary>
    private static async Task WriteOursAsync(OvsdbClient client, DatabaseCache cache, CancellationToken ct)
    {
        var shared = cache.Table("Logical_Switch").Rows().Single(r => r.Row.GetString("name") == Shared).Uuid;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Count)
            {
                var ops = new List<Operation>
                {
                    new Insert("Logical_Switch", new OvsdbRow { ["name"] = $"ours-{i}", ["external_ids"] = OvsdbMap.Of(("writer", "ours"), ("key", $"ours-{i}")) }),
                };
                if (i % 10 == 0)
                    ops.Add(new Mutate("Logical_Switch", [Condition.ByUuid(shared)], [Mutation.Insert("external_ids", OvsdbMap.Of(($"ours-k{i}", "v")))]));
                await client.TransactAsync(Nb.Db, ops, ct);
            }
        }));
    }

    private static Process StartIdl(string remote)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "python", "idl_writer.py");
        var psi = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { script, remote, OvsdbServer.NorthboundSchema, $"{Count}", Shared, "ours", $"{Count}", $"{Bound.TotalSeconds - 10}" })
            psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    /// <summary>A view: switch name → external_ids, plus the shared switch's map.</summary>
    private sealed record View(IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Ids)> Switches,
        IReadOnlyDictionary<string, string> SharedIds);

    private static View IdlView(string output)
    {
        using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        static Dictionary<string, string> Map(JsonElement e) =>
            e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        var switches = json.RootElement.GetProperty("switches").EnumerateArray()
            .Select(s => (s.GetProperty("name").GetString()!, (IReadOnlyDictionary<string, string>)Map(s.GetProperty("external_ids"))))
            .ToArray();
        return new View(switches, Map(json.RootElement.GetProperty("shared")));
    }

    private static View CacheView(DatabaseCache cache) =>
        FromRows(cache.Table("Logical_Switch").Rows().Select(r => r.Row));

    private static async Task<View> ServerViewAsync(OvsdbClient client, CancellationToken ct) =>
        FromRows((await client.TransactAsync(Nb.Db, [new Select("Logical_Switch", [], ["name", "external_ids"])], ct))[0].Rows!);

    private static View FromRows(IEnumerable<OvsdbRow> rows)
    {
        var switches = rows.Select(r => (r.GetString("name") ?? "", (IReadOnlyDictionary<string, string>)r.GetMap("external_ids")
            .ToDictionary(p => (string)p.Key, p => (string)p.Value))).ToArray();
        return new View(switches, switches.Single(s => s.Item1 == Shared).Item2);
    }

    private static bool Complete(View view) =>
        view.Switches.Count == 2 * Count + 1 && view.SharedIds.Count == 2 * Count / 10;

    /// <summary>Every row of both writers exactly once, correctly keyed, and every shared-map key of both.</summary>
    private static void AssertComplete(View view, string whose)
    {
        var expected = Enumerable.Range(0, Count).SelectMany(i => new[] { $"idl-{i}", $"ours-{i}" }).Append(Shared).Order();
        Assert.Equal(expected, view.Switches.Select(s => s.Name).Order()); // each once: nothing lost, nothing doubled
        Assert.All(view.Switches.Where(s => s.Name != Shared), s => Assert.Equal(s.Name, s.Ids["key"]));
        var keys = Enumerable.Range(0, Count / 10).SelectMany(i => new[] { $"idl-k{i * 10}", $"ours-k{i * 10}" }).Order();
        Assert.True(keys.SequenceEqual(view.SharedIds.Keys.Order()),
            $"{whose}: shared external_ids are {string.Join(',', view.SharedIds.Keys.Order())}");
    }

    /// <summary>The fault model really happened: the two writers' commits interleaved, not one after the other.</summary>
    private static void AssertInterleaved(string[] arrivals)
    {
        int First(string p) => Array.FindIndex(arrivals, n => n.StartsWith(p, StringComparison.Ordinal));
        int Last(string p) => Array.FindLastIndex(arrivals, n => n.StartsWith(p, StringComparison.Ordinal));
        Assert.True(First("idl-") < Last("ours-") && First("ours-") < Last("idl-"),
            $"the writers did not overlap: idl {First("idl-")}..{Last("idl-")}, ours {First("ours-")}..{Last("ours-")}");
    }

    private static async Task WaitAsync(Func<bool> condition, CancellationToken ct)
    {
        while (!condition())
            await Task.Delay(20, ct);
    }
}
