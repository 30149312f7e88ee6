using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Protocol;
using Ovnk.Translation.Rows;

namespace Ovnk.Translation.Planning;

/// <summary>
/// Fails the transaction if a row with this name and owner already exists: a root insert repeated after an
/// at-least-once commit (RAFT leader change mid-transaction) then cannot create a duplicate.
/// </summary>
public sealed record GuardAbsent(DesiredRow Row) : PlanStep
{
    /// <inheritdoc/>
    public override Operation ToOperation() => new Wait(Row.Table.Name,
        [Condition.Eq("name", Row.Key), Condition.Includes("external_ids", Row.Row["external_ids"])], ["_uuid"], [], TimeoutMs: 0);

    /// <inheritdoc/>
    public override string ToString() => $"require absent {Row}";
}
