using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Translation.Planning;

/// <summary>Adds a child reference to an existing parent (e.g. a new port to an existing switch).</summary>
public sealed record LinkChild(string ParentTable, Uuid Parent, string Column, ChildAtom Child) : PlanStep
{
    /// <inheritdoc/>
    public override Operation ToOperation() =>
        new Mutate(ParentTable, [Condition.ByUuid(Parent)], [Mutation.Insert(Column, OvsdbSet.Of(Child.ToAtom()))]);

    /// <inheritdoc/>
    public override string ToString() => $"link {ParentTable} {Parent}.{Column} += {Child}";
}
