using Ovnk.Translation.Observed;
using Ovnk.Translation.Rows;

namespace Ovnk.Translation.Planning;

/// <summary>
/// Pure diff of one owner's desired rows against the observed NB (the ovn-kubernetes services-controller pattern,
/// STYLE.md rule 1). Rows are matched within the owner by table and key: a missing row is inserted, a differing one
/// updated (managed columns only), extra rows with the same key are duplicates and removed, rows the owner holds but
/// no longer wants are removed. Rows of other owners and foreign rows are never touched; a parent owned by someone
/// else (the cluster router for a node's <c>rtos-</c> port) is only linked to.
/// </summary>
public static partial class Planner
{
    /// <summary>The plan that makes the NB hold exactly <paramref name="desired"/> for its owner.</summary>
    public static Plan Plan(DesiredState desired, NbSnapshot observed)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(observed);
        var work = new PlanWork(desired.Owner, observed);
        foreach (var row in desired.Rows)
            work.Match(row);
        foreach (var row in desired.Rows)
        {
            if (row.Parent is not null && work.Link(row) is { } problem)
                return new Plan(desired.Owner, [], problem);
        }
        work.RemoveUnwanted();
        return new Plan(desired.Owner, work.Ordered());
    }
}
