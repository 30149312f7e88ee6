using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Translation.Rows;

/// <summary>
/// How the planner treats one NB table: which columns Ovnk manages (others, like <c>up</c> or <c>tag</c> that
/// ovn-northd writes, are never compared or written), which columns hold child references (maintained by linking
/// children, not by comparing), whether the table is a root (rows must be deleted) or garbage-collected when
/// unreferenced, how a row is identified within its owner (its key), and which unbounded set columns an update
/// changes by mutation (only the elements added and removed) rather than by rewriting them whole.
/// </summary>
public sealed record NbTable(
    string Name,
    bool IsRoot,
    IReadOnlyList<string> ManagedColumns,
    IReadOnlyList<string> ChildColumns,
    Func<OvsdbRow, string> Key,
    Func<Uuid, OvsdbRow, OvsdbRow> Canonicalize,
    IReadOnlyList<string>? MutatedSets = null)
{
    /// <summary>The row restricted to the managed columns (what an update writes and a comparison looks at).</summary>
    public OvsdbRow Managed(OvsdbRow canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        return new OvsdbRow(ManagedColumns.Select(c => KeyValuePair.Create(c, canonical[c])));
    }

    /// <summary>True when the managed columns of both canonical rows are equal.</summary>
    public bool SameManaged(OvsdbRow a, OvsdbRow b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return ManagedColumns.All(c => Equals(a.Get(c), b.Get(c)));
    }
}
