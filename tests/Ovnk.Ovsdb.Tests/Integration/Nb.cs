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

    public static async Task<Uuid> AddSwitchAsync(OvsdbClient client, string name, OvsdbMap? externalIds = null)
    {
        var row = new OvsdbRow { ["name"] = name, ["external_ids"] = externalIds ?? OvsdbMap.Empty };
        var results = await client.TransactAsync(Db, [new Insert("Logical_Switch", row)], Bounded());
        return results[0].Uuid!.Value;
    }

    public static Condition Named(string name) => Condition.Eq("name", name);
}
