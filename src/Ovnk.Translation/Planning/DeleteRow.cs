using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Protocol;
using Ovnk.Translation.Observed;

namespace Ovnk.Translation.Planning;

/// <summary>Deletes a root row (switch, router, address set) that its owner no longer wants, or a duplicate.</summary>
public sealed record DeleteRow(ObservedRow Row) : PlanStep
{
    /// <inheritdoc/>
    public override Operation ToOperation() => new Delete(Row.Table.Name, [Condition.ByUuid(Row.Uuid)]);

    /// <inheritdoc/>
    public override string ToString() => $"delete {Row}";
}
