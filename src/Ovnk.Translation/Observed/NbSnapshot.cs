using Ovnk.Ovsdb.Protocol;
using Ovnk.Ovsdb.Schemas.Typed;
using Ovnk.Translation.Ownership;
using Ovnk.Translation.Rows;

namespace Ovnk.Translation.Observed;

/// <summary>
/// The managed NB tables as last observed, indexed for the planner: by owner, by (table, key), and by child
/// (which parents reference a row). A plain data structure: the controller feeds it from its OVSDB cache, tests
/// build it from typed records. Not thread-safe: callers serialise access.
/// </summary>
public sealed class NbSnapshot
{
    private readonly Dictionary<Uuid, ObservedRow> _rows = [];
    private readonly Dictionary<Owner, HashSet<Uuid>> _byOwner = [];
    private readonly Dictionary<(string Table, string Key), HashSet<Uuid>> _byKey = [];
    private readonly Dictionary<Uuid, HashSet<ChildRef>> _parents = [];

    /// <summary>How many rows are held.</summary>
    public int Count => _rows.Count;

    /// <summary>Adds or replaces a row given as a typed record.</summary>
    public NbSnapshot Put<T>(T record)
        where T : IOvsdbRecord<T>
    {
        ArgumentNullException.ThrowIfNull(record);
        Upsert(NbTables.Get(T.Table), record.Uuid, record.ToRow(includeDefaults: true));
        return this;
    }

    /// <summary>Adds or replaces a row given in canonical form (every column present).</summary>
    public void Upsert(NbTable table, Uuid uuid, OvsdbRow canonical)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(canonical);
        Remove(uuid);
        var owner = Owner.FromExternalIds(canonical.GetMap("external_ids"));
        var row = new ObservedRow(table, uuid, table.Key(canonical), owner, canonical);
        _rows[uuid] = row;
        if (owner is { } o) Bucket(_byOwner, o).Add(uuid);
        Bucket(_byKey, (table.Name, row.Key)).Add(uuid);
        foreach (var column in table.ChildColumns)
            foreach (var child in row.Children(column))
                Bucket(_parents, child).Add(new ChildRef(table.Name, uuid, column));
    }

    /// <summary>Forgets a row (deleted from the NB).</summary>
    public void Remove(Uuid uuid)
    {
        if (!_rows.Remove(uuid, out var old)) return;
        if (old.Owner is { } o) Unbucket(_byOwner, o, uuid);
        Unbucket(_byKey, (old.Table.Name, old.Key), uuid);
        foreach (var column in old.Table.ChildColumns)
            foreach (var child in old.Children(column))
                if (_parents.TryGetValue(child, out var refs) && refs.Remove(new ChildRef(old.Table.Name, uuid, column)) && refs.Count == 0)
                    _parents.Remove(child);
    }

    /// <summary>The row with this UUID, or null.</summary>
    public ObservedRow? Get(Uuid uuid) => _rows.GetValueOrDefault(uuid);

    /// <summary>Every row owned by <paramref name="owner"/>.</summary>
    public IReadOnlyList<ObservedRow> OwnedBy(Owner owner) =>
        _byOwner.TryGetValue(owner, out var set) ? [.. set.Select(u => _rows[u])] : [];

    /// <summary>Every row of a table with the given key, whoever owns it, in a stable order (by UUID).</summary>
    public IReadOnlyList<ObservedRow> ByKey(string table, string key) =>
        _byKey.TryGetValue((table, key), out var set) ? [.. set.Select(u => _rows[u]).OrderBy(r => r.Uuid.ToString(), StringComparer.Ordinal)] : [];

    /// <summary>The parents referencing a row.</summary>
    public IReadOnlyCollection<ChildRef> ParentsOf(Uuid child) =>
        _parents.TryGetValue(child, out var set) ? set : [];

    /// <summary>Every owner that has rows (for the startup sweep of owners whose object is gone).</summary>
    public IReadOnlyList<Owner> Owners() => [.. _byOwner.Keys];

    /// <summary>Every row of one table.</summary>
    public IReadOnlyList<ObservedRow> Rows(string table) => [.. _rows.Values.Where(r => r.Table.Name == table)];

    private static HashSet<Uuid> Bucket<TKey>(Dictionary<TKey, HashSet<Uuid>> map, TKey key)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var set)) map[key] = set = [];
        return set;
    }

    private static HashSet<ChildRef> Bucket(Dictionary<Uuid, HashSet<ChildRef>> map, Uuid key)
    {
        if (!map.TryGetValue(key, out var set)) map[key] = set = [];
        return set;
    }

    private static void Unbucket<TKey>(Dictionary<TKey, HashSet<Uuid>> map, TKey key, Uuid uuid)
        where TKey : notnull
    {
        if (map.TryGetValue(key, out var set) && set.Remove(uuid) && set.Count == 0) map.Remove(key);
    }
}
