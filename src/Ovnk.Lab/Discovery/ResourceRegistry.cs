using System.Collections.Immutable;

namespace Ovnk.Lab.Discovery;

/// <summary>
/// The set of served resource types, looked up by group/version/plural and by group/kind. Immutable snapshots
/// swapped atomically, so CRDs can be added while requests read it.
/// </summary>
public sealed class ResourceRegistry
{
    private ImmutableList<ResourceType> _types;

    /// <summary>Creates a registry holding <paramref name="types"/>.</summary>
    public ResourceRegistry(IEnumerable<ResourceType> types) => _types = [.. types];

    /// <summary>Every served type, in registration order.</summary>
    public IReadOnlyList<ResourceType> Types => _types;

    /// <summary>The served group names in order of first appearance ("" is the core group).</summary>
    public IReadOnlyList<string> Groups => [.. _types.Select(t => t.Group).Distinct(StringComparer.Ordinal)];

    /// <summary>Finds the type served at <c>group/version/plural</c>.</summary>
    public ResourceType? Find(string group, string version, string plural) =>
        _types.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);

    /// <summary>Finds a type by group and kind (any version).</summary>
    public ResourceType? FindKind(string group, string kind) =>
        _types.FirstOrDefault(t => t.Group == group && t.Kind == kind);

    /// <summary>The types of one group-version.</summary>
    public IReadOnlyList<ResourceType> InGroupVersion(string group, string version) =>
        [.. _types.Where(t => t.Group == group && t.Version == version)];

    /// <summary>The versions served for a group.</summary>
    public IReadOnlyList<string> Versions(string group) =>
        [.. _types.Where(t => t.Group == group).Select(t => t.Version).Distinct(StringComparer.Ordinal)];

    /// <summary>Adds or replaces the type at its group/version/plural (used for CRDs).</summary>
    public void Upsert(ResourceType type) =>
        ImmutableInterlocked.Update(ref _types, list =>
        {
            var existing = list.FindIndex(t => t.Group == type.Group && t.Version == type.Version && t.Plural == type.Plural);
            return existing < 0 ? list.Add(type) : list.SetItem(existing, type);
        });

    /// <summary>Removes every version of <c>plural.group</c> (CRD deletion).</summary>
    public void Remove(string group, string plural) =>
        ImmutableInterlocked.Update(ref _types, list => list.RemoveAll(t => t.Group == group && t.Plural == plural));
}
