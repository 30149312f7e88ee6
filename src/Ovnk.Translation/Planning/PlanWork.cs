using Ovnk.Ovsdb.Protocol;
using Ovnk.Translation.Observed;
using Ovnk.Translation.Ownership;
using Ovnk.Translation.Rows;

namespace Ovnk.Translation.Planning;

/// <summary>The planner's scratch state for one owner (see <see cref="Planner"/>).</summary>
internal sealed class PlanWork(Owner owner, NbSnapshot observed)
{
    private readonly Dictionary<(string Table, string Key), ChildAtom> _resolved = [];
    private readonly Dictionary<(string Table, string Key), InsertWork> _inserts = [];
    private readonly List<InsertWork> _insertOrder = [];
    private readonly HashSet<Uuid> _kept = [];
    private readonly List<PlanStep> _links = [];
    private readonly List<PlanStep> _updates = [];
    private readonly List<PlanStep> _removals = [];
    private readonly Dictionary<(string Table, string Key), List<ObservedRow>> _owned = observed.OwnedBy(owner)
        .GroupBy(r => (r.Table.Name, r.Key))
        .ToDictionary(g => g.Key, g => g.OrderBy(r => observed.ParentsOf(r.Uuid).Count > 0 ? 0 : 1)
            .ThenByDescending(r => r.Table.ChildColumns.Sum(c => r.Children(c).Count())) // keep the copy others hang on
            .ThenBy(r => r.Uuid.ToString(), StringComparer.Ordinal).ToList());

    /// <summary>Finds the row's observed counterpart (insert, update or keep) and marks duplicates for removal.</summary>
    public void Match(DesiredRow row)
    {
        var id = (row.Table.Name, row.Key);
        if (_resolved.ContainsKey(id)) return; // a translation listing one row twice wants it once
        if (!_owned.TryGetValue(id, out var candidates) || candidates.Count == 0)
        {
            var insert = new InsertWork(row, $"row{_insertOrder.Count + 1}");
            _inserts[id] = insert;
            _insertOrder.Add(insert);
            _resolved[id] = new ChildAtom(default, insert.Named);
            return;
        }
        var keep = candidates[0];
        _kept.Add(keep.Uuid);
        _resolved[id] = new ChildAtom(keep.Uuid, null);
        if (!row.Table.SameManaged(row.Row, keep.Row)) _updates.Add(new UpdateRow(keep.Uuid, row, keep.Row));
    }

    /// <summary>Links a row to its parent unless it already is; returns a problem when the parent does not exist.</summary>
    public string? Link(DesiredRow row)
    {
        var link = row.Parent!;
        var child = _resolved[(row.Table.Name, row.Key)];
        if (_inserts.TryGetValue((link.Table, link.Key), out var parentInsert))
        {
            parentInsert.Children.Add((link.Column, child));
            return null;
        }
        var parent = _resolved.TryGetValue((link.Table, link.Key), out var mine) && mine.Named is null
            ? mine.Uuid
            : observed.ByKey(link.Table, link.Key).FirstOrDefault()?.Uuid;
        if (parent is not { } p)
            return $"{owner}: {row} needs its parent {link.Table} \"{link.Key}\", which does not exist yet; it is created by its own owner's reconcile, so this one is retried.";
        if (child.Named is not null || !observed.ParentsOf(child.Uuid).Contains(new ChildRef(link.Table, p, link.Column)))
            _links.Add(new LinkChild(link.Table, p, link.Column, child));
        return null;
    }

    /// <summary>Removes every owned row that was not kept: stale rows and duplicates.</summary>
    public void RemoveUnwanted()
    {
        var unwanted = _owned.Values.SelectMany(r => r).Where(r => !_kept.Contains(r.Uuid)).ToArray();
        var deleted = unwanted.Where(r => r.Table.IsRoot).Select(r => r.Uuid).ToHashSet();
        foreach (var row in unwanted)
        {
            if (row.Table.IsRoot)
            {
                _removals.Add(new DeleteRow(row));
                continue;
            }
            // A child of a root deleted in the same transaction goes with it (garbage collection).
            foreach (var parent in observed.ParentsOf(row.Uuid).Where(p => !deleted.Contains(p.Parent)).OrderBy(p => p.Parent.ToString(), StringComparer.Ordinal))
                _removals.Add(new UnlinkChild(parent, row));
        }
    }

    /// <summary>The steps in execution order: children are inserted before the parents that hold them.</summary>
    public IReadOnlyList<PlanStep> Ordered()
    {
        var steps = new List<PlanStep>();
        foreach (var insert in _insertOrder.Where(i => i.Row.Table.IsRoot && i.Row.Row.ContainsKey("name")))
            steps.Add(new GuardAbsent(insert.Row));
        for (var i = _insertOrder.Count - 1; i >= 0; i--)
            steps.Add(new InsertRow(_insertOrder[i].Row, _insertOrder[i].Named, _insertOrder[i].Children));
        steps.AddRange(_links);
        steps.AddRange(_updates);
        steps.AddRange(_removals.OfType<UnlinkChild>());
        steps.AddRange(_removals.OfType<DeleteRow>());
        return steps;
    }

    private sealed record InsertWork(DesiredRow Row, string Named)
    {
        public List<(string Column, ChildAtom Child)> Children { get; } = [];
    }
}
