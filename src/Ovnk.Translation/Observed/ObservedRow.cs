using Ovnk.Ovsdb.Protocol;
using Ovnk.Translation.Ownership;
using Ovnk.Translation.Rows;

namespace Ovnk.Translation.Observed;

/// <summary>A row as the NB holds it: canonical columns (every column present), its key and its owner (null = foreign).</summary>
public sealed record ObservedRow(NbTable Table, Uuid Uuid, string Key, Owner? Owner, OvsdbRow Row)
{
    /// <summary>The UUIDs in one child-reference column.</summary>
    public IEnumerable<Uuid> Children(string column) => Row.GetSet(column).OfType<Uuid>();

    /// <inheritdoc/>
    public override string ToString() => $"{Table.Name}[{Key}] {Uuid}";
}
