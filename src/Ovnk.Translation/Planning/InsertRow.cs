using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Protocol;
using Ovnk.Translation.Rows;

namespace Ovnk.Translation.Planning;

/// <summary>Inserts a desired row under <paramref name="Named"/>, already holding any new children of its own.</summary>
public sealed record InsertRow(DesiredRow Row, string Named, IReadOnlyList<(string Column, ChildAtom Child)> NewChildren) : PlanStep
{
    /// <inheritdoc/>
    public override Operation ToOperation()
    {
        var row = Row.Table.Managed(Row.Row);
        foreach (var group in NewChildren.GroupBy(c => c.Column))
            row = row.With(group.Key, new OvsdbSet(group.Select(c => c.Child.ToAtom())));
        return new Insert(Row.Table.Name, row, Named);
    }

    /// <inheritdoc/>
    public override string ToString() => $"insert {Row}";
}
