using Ovnk.Ovsdb.Client;
using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Tests.Integration;

/// <summary>Small helpers for tests against the Northbound schema.</summary>
internal static class Nb
{
    public const string Db = "OVN_Northbound";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    public static CancellationToken Bounded() => new CancellationTokenSource(Timeout).Token;

    public static OvsdbClientOptions Options => new() { ConnectTimeout = TimeSpan.FromSeconds(5), InactivityProbe = TimeSpan.Zero };

    /// <summary>Reconnect quickly: failover tests measure seconds, not the production 1–8 s backoff.</summary>
    public static OvsdbClientOptions FastReconnect => Options with
    {
        ReconnectBackoffMin = TimeSpan.FromMilliseconds(50),
        ReconnectBackoffMax = TimeSpan.FromMilliseconds(400),
        TransactionTimeout = TimeSpan.FromSeconds(15),
    };

    /// <summary>A bound for loops that ride out a failover.</summary>
    public static CancellationToken Minute() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    public static async Task<Uuid> AddSwitchAsync(OvsdbClient client, string name, OvsdbMap? externalIds = null)
    {
        var row = new OvsdbRow { ["name"] = name, ["external_ids"] = externalIds ?? OvsdbMap.Empty };
        var results = await client.TransactAsync(Db, [new Insert("Logical_Switch", row)], Bounded());
        return results[0].Uuid!.Value;
    }

    public static Condition Named(string name) => Condition.Eq("name", name);
}
