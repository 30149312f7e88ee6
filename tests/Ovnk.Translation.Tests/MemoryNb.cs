using Ovnk.Ovsdb.Protocol;
using Ovnk.Translation.Observed;
using Ovnk.Translation.Planning;

namespace Ovnk.Translation.Tests;

/// <summary>
/// Applies a plan to an <see cref="NbSnapshot"/> the way ovsdb-server would (named UUIDs, set mutations,
/// garbage collection of unreferenced non-root rows), so the pure tests can check convergence: plan, apply, plan
/// again → nothing. The integration tests do the same against the real server.
/// </summary>
internal static class MemoryNb
{
    public static void Apply(NbSnapshot nb, Plan plan)
    {
        var named = new Dictionary<string, Uuid>();
        Uuid Resolve(ChildAtom a) => a.Named is { } n ? named[n] : a.Uuid;
        foreach (var step in plan.Steps)
        {
            switch (step)
            {
                case GuardAbsent g:
                    Assert.DoesNotContain(nb.ByKey(g.Row.Table.Name, g.Row.Key), r => r.Owner == plan.Owner);
                    break;
                case InsertRow i:
                    var uuid = new Uuid(Guid.NewGuid());
                    named[i.Named] = uuid;
                    var row = i.Row.Row;
                    foreach (var group in i.NewChildren.GroupBy(c => c.Column))
                        row = row.With(group.Key, new OvsdbSet(group.Select(c => (object)Resolve(c.Child))));
                    nb.Upsert(i.Row.Table, uuid, row);
                    break;
                case UpdateRow u:
                    var current = nb.Get(u.Uuid)!;
                    nb.Upsert(current.Table, u.Uuid, new OvsdbRow(current.Row.Select(c =>
                        KeyValuePair.Create(c.Key, u.Row.Table.ManagedColumns.Contains(c.Key) ? u.Row.Row[c.Key] : c.Value))));
                    break;
                case LinkChild l:
                    Mutate(nb, l.Parent, l.Column, s => s.Append(Resolve(l.Child)));
                    break;
                case UnlinkChild un:
                    Mutate(nb, un.From.Parent, un.From.Column, s => s.Where(x => !x.Equals(un.Child.Uuid)));
                    break;
                case DeleteRow d:
                    nb.Remove(d.Row.Uuid);
                    break;
                default:
                    throw new InvalidOperationException($"unknown step {step}");
            }
        }
        CollectGarbage(nb);
    }

    private static void Mutate(NbSnapshot nb, Uuid parent, string column, Func<IEnumerable<object>, IEnumerable<object>> change)
    {
        var row = nb.Get(parent) ?? throw new InvalidOperationException($"mutate of missing row {parent}");
        nb.Upsert(row.Table, parent, row.Row.With(column, new OvsdbSet(change(row.Row.GetSet(column)))));
    }

    private static void CollectGarbage(NbSnapshot nb)
    {
        bool removed;
        do
        {
            removed = false;
            foreach (var table in Rows.NbTables.All.Where(t => !t.IsRoot))
                foreach (var row in nb.Rows(table.Name).Where(r => nb.ParentsOf(r.Uuid).Count == 0))
                {
                    nb.Remove(row.Uuid);
                    removed = true;
                }
        } while (removed);
    }
}
