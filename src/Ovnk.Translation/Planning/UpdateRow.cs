using Ovnk.Ovsdb.Operations;
using Ovnk.Ovsdb.Protocol;
using Ovnk.Translation.Rows;

namespace Ovnk.Translation.Planning;

/// <summary>
/// Rewrites the managed columns of an existing row that differs from the desired one. When every differing column is
/// one of the table's <see cref="NbTable.MutatedSets"/> and the observed row is known, the step is a mutate that
/// deletes and inserts only the elements that changed (a pod joining a namespace of thousands sends one address, not
/// the whole set; ovsdb-server and ovn-northd then handle a small change).
/// </summary>
public sealed record UpdateRow(Uuid Uuid, DesiredRow Row, OvsdbRow? Observed = null) : PlanStep
{
    /// <inheritdoc/>
    public override Operation ToOperation() =>
        SetMutations() is { } mutations
            ? new Mutate(Row.Table.Name, [Condition.ByUuid(Uuid)], mutations)
            : new Update(Row.Table.Name, [Condition.ByUuid(Uuid)], Row.Table.Managed(Row.Row));

    /// <inheritdoc/>
    public override string ToString() => $"update {Row} {Uuid}";

    private List<Mutation>? SetMutations()
    {
        if (Observed is null || Row.Table.MutatedSets is not { Count: > 0 } sets) return null;
        var changed = Row.Table.ManagedColumns.Where(c => !Equals(Row.Row.Get(c), Observed.Get(c))).ToArray();
        if (changed.Length == 0 || !changed.All(sets.Contains)) return null;
        var mutations = new List<Mutation>();
        foreach (var column in changed)
        {
            var want = Atoms(Row.Row.Get(column));
            var have = Atoms(Observed.Get(column));
            var gone = have.Where(a => !want.Contains(a)).ToArray();
            var added = want.Where(a => !have.Contains(a)).ToArray();
            if (gone.Length > 0) mutations.Add(Mutation.Delete(column, new OvsdbSet(gone)));
            if (added.Length > 0) mutations.Add(Mutation.Insert(column, new OvsdbSet(added)));
        }
        return mutations.Count > 0 ? mutations : null;
    }

    private static HashSet<object> Atoms(object? value) => value switch
    {
        null => [],
        OvsdbSet set => [.. set],
        var atom => [atom],
    };
}
