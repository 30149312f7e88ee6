using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Protocol;
using Ovnk.Translation.Rows;

namespace Ovnk.Translation.Planning;

/// <summary>Rewrites the managed columns of an existing row that differs from the desired one.</summary>
public sealed record UpdateRow(Uuid Uuid, DesiredRow Row) : PlanStep
{
    /// <inheritdoc/>
    public override Operation ToOperation() => new Update(Row.Table.Name, [Condition.ByUuid(Uuid)], Row.Table.Managed(Row.Row));

    /// <inheritdoc/>
    public override string ToString() => $"update {Row} {Uuid}";
}
