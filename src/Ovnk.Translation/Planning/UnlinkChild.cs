using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Protocol;
using Ovnk.Translation.Observed;

namespace Ovnk.Translation.Planning;

/// <summary>
/// Removes a reference to a non-root row; OVSDB garbage-collects the row once nothing references it
/// (RFC 7047 §3.2 <c>isRoot</c>), so this is how ports, routes, policies and NAT rules are deleted.
/// </summary>
public sealed record UnlinkChild(ChildRef From, ObservedRow Child) : PlanStep
{
    /// <inheritdoc/>
    public override Operation ToOperation() =>
        new Mutate(From.ParentTable, [Condition.ByUuid(From.Parent)], [Mutation.Delete(From.Column, OvsdbSet.Of(Child.Uuid))]);

    /// <inheritdoc/>
    public override string ToString() => $"unlink {Child} from {From.ParentTable} {From.Parent}.{From.Column}";
}
