using Ovnk.Ovsdb.Client;
using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Tests.Integration;

/// <summary>
/// The idempotent-write pattern for at-least-once commits (ovsdb(7) "Understanding Cluster Consistency"): insert a
/// row keyed by an external_ids key, guarded by a <c>wait</c> that no row with that key exists. If the outcome of an
/// attempt is unknown (the connection broke), the attempt is repeated: a "timed out" guard then means an earlier
/// attempt committed, so the row is there exactly once.
/// </summary>
internal static class GuardedInsert
{
    public const string Key = "ovnk-test/key";

    public static Operation[] Build(string key) =>
    [
        new Wait("Logical_Switch", [Condition.Includes("external_ids", OvsdbMap.Of((Key, key)))], ["name"], [], TimeoutMs: 0),
        new Insert("Logical_Switch", new OvsdbRow { ["name"] = key, ["external_ids"] = OvsdbMap.Of((Key, key)) }),
    ];

    /// <summary>
    /// Runs the guarded insert until its outcome is known; returns how many attempts had an outcome the client could
    /// not know at first (a broken connection, or a guard that found the row already there).
    /// </summary>
    public static async Task<int> RunAsync(OvsdbClient client, string key, CancellationToken cancellationToken)
    {
        var unknown = 0;
        while (true)
        {
            try
            {
                await client.TransactAsync(Nb.Db, Build(key), cancellationToken);
                return unknown;
            }
            catch (OvsdbTransactionException e) when (e.Error == "timed out")
            {
                // The guard saw the key: an earlier attempt of ours committed (maybe one we never heard back from,
                // maybe one a follower forwarded twice). Re-check through the key itself before calling it done.
                var present = await client.TransactAsync(Nb.Db, [new Select("Logical_Switch",
                    [Condition.Includes("external_ids", OvsdbMap.Of((Key, key)))], ["name"])], cancellationToken);
                Assert.Single(present[0].Rows!);
                return unknown + 1;
            }
            catch (OvsdbConnectionException)
            {
                unknown++;
            }
        }
    }

    /// <summary>How many rows carry each key (every key must appear exactly once).</summary>
    public static async Task<Dictionary<string, int>> CountAsync(OvsdbClient client, CancellationToken cancellationToken)
    {
        var rows = (await client.TransactAsync(Nb.Db, [new Select("Logical_Switch", [], ["external_ids"])], cancellationToken))[0].Rows!;
        return rows.Select(r => r.GetMap("external_ids").GetString(Key)).OfType<string>()
            .GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
    }
}
