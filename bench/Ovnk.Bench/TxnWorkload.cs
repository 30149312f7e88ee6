using System.Text;
using Ovnk.Ovsdb.Client;
using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Bench;

/// <summary>
/// One timed run's transactions: transaction i inserts port <c>PREFIX-i</c> (external_ids bench=PREFIX) and adds it
/// to switch <c>PREFIX-sw-(i % switches)</c>, as <c>ovn-nbctl lsp-add</c> does. Logical_Switch_Port is not a root
/// table (ovn-nb(5)): a port no switch references is garbage-collected at commit, so the reference is part of the work.
/// </summary>
internal sealed class TxnWorkload
{
    public const string Db = "OVN_Northbound";

    /// <summary>The tables every client monitors: the ones the transactions write.</summary>
    public static readonly string[] Tables = ["Logical_Switch", "Logical_Switch_Port"];

    private readonly Uuid[] _switches;

    private TxnWorkload(string prefix, int count, Uuid[] switches)
    {
        Prefix = prefix;
        Count = count;
        _switches = switches;
    }

    public string Prefix { get; }

    public int Count { get; }

    public int Switches => _switches.Length;

    /// <summary>Creates the run's switches (not timed).</summary>
    public static async Task<TxnWorkload> CreateAsync(OvsdbClient setup, string prefix, int count, int switches,
        CancellationToken cancellationToken)
    {
        var ops = Enumerable.Range(0, switches).Select(k => (Operation)new Insert("Logical_Switch",
            new OvsdbRow { ["name"] = $"{prefix}-sw-{k}" })).ToArray();
        var results = await setup.TransactAsync(Db, ops, cancellationToken);
        return new TxnWorkload(prefix, count, results.Select(r => r.Uuid!.Value).ToArray());
    }

    /// <summary>Transaction <paramref name="i"/> as our client's operations.</summary>
    public Operation[] Operations(int i) =>
    [
        new Insert("Logical_Switch_Port", new OvsdbRow { ["name"] = $"{Prefix}-{i}", ["external_ids"] = OvsdbMap.Of(("bench", Prefix)) }, "p"),
        new Mutate("Logical_Switch", [Condition.ByUuid(_switches[i % _switches.Length])],
            [Mutation.Insert("ports", OvsdbSet.Of(new NamedUuid("p")))]),
    ];

    /// <summary>
    /// Every transaction pre-serialized as one JSON-RPC request (ids 1..Count), back to back; <c>Offsets[i]</c> is
    /// where request i starts and <c>Offsets[Count]</c> the end.
    /// </summary>
    public (byte[] Bytes, int[] Offsets) RawRequests()
    {
        var text = new StringBuilder();
        var offsets = new int[Count + 1];
        for (var i = 0; i < Count; i++)
        {
            offsets[i] = text.Length; // ASCII only: chars = bytes
            text.Append("{\"id\":").Append(i + 1).Append(",\"method\":\"transact\",\"params\":[\"").Append(Db)
                .Append("\",{\"op\":\"insert\",\"table\":\"Logical_Switch_Port\",\"uuid-name\":\"p\",\"row\":{\"name\":\"")
                .Append(Prefix).Append('-').Append(i).Append("\",\"external_ids\":[\"map\",[[\"bench\",\"").Append(Prefix)
                .Append("\"]]]}},{\"op\":\"mutate\",\"table\":\"Logical_Switch\",\"where\":[[\"_uuid\",\"==\",[\"uuid\",\"")
                .Append(_switches[i % _switches.Length]).Append("\"]]],\"mutations\":[[\"ports\",\"insert\",[\"named-uuid\",\"p\"]]]}]}");
        }
        offsets[Count] = text.Length;
        return (Encoding.ASCII.GetBytes(text.ToString()), offsets);
    }

    /// <summary>Checks (not timed) that every transaction committed: exactly Count ports carry this run's tag.</summary>
    public async Task VerifyAsync(OvsdbClient setup, string client, CancellationToken cancellationToken)
    {
        var rows = (await setup.TransactAsync(Db, [new Select("Logical_Switch_Port",
            [Condition.Includes("external_ids", OvsdbMap.Of(("bench", Prefix)))], ["_uuid"])], cancellationToken))[0].Rows!;
        if (rows.Count != Count)
            throw new InvalidOperationException(
                $"{client} run {Prefix}: {rows.Count} of {Count} ports are in the database; a transaction was lost or failed");
    }
}
