using Ovnk.Ovsdb.Operations;
using Ovnk.Translation.Ownership;

namespace Ovnk.Translation.Planning;

/// <summary>
/// What one reconcile must do for one owner: steps in execution order (inserts, links, updates, unlinks, deletes),
/// or the problem that prevents planning (e.g. a parent that does not exist yet). Empty = the NB is already right.
/// </summary>
public sealed record Plan(Owner Owner, IReadOnlyList<PlanStep> Steps, string? Problem = null)
{
    /// <summary>True when nothing needs to be written.</summary>
    public bool IsEmpty => Steps.Count == 0;

    /// <summary>How many writing steps of each kind (guards not counted).</summary>
    public int Inserts => Steps.Count(s => s is InsertRow);

    /// <summary>Rows updated.</summary>
    public int Updates => Steps.Count(s => s is UpdateRow);

    /// <summary>Rows deleted or unlinked.</summary>
    public int Deletes => Steps.Count(s => s is DeleteRow or UnlinkChild);

    /// <summary>The operations of the single transaction that applies the plan.</summary>
    public IReadOnlyList<Operation> ToOperations() => [.. Steps.Select(s => s.ToOperation())];

    /// <inheritdoc/>
    public override string ToString() => Problem ?? $"{Owner}: {string.Join("; ", Steps)}";
}
