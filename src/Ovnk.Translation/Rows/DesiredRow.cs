using Ovnk.Ovsdb.Protocol;
using Ovnk.Ovsdb.Schemas.Typed;

namespace Ovnk.Translation.Rows;

/// <summary>One row an owner wants in the NB: its table, its key within the owner, its canonical columns, its parent.</summary>
public sealed record DesiredRow(NbTable Table, string Key, OvsdbRow Row, ParentLink? Parent, object Record)
{
    /// <summary>A desired row from a typed record (its child-reference columns are ignored: children link themselves).</summary>
    public static DesiredRow Of<T>(T record, ParentLink? parent = null)
        where T : IOvsdbRecord<T>
    {
        ArgumentNullException.ThrowIfNull(record);
        var table = NbTables.Get(T.Table);
        var row = record.ToRow(includeDefaults: true);
        return new DesiredRow(table, table.Key(row), row, parent, record);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Table.Name}[{Key}]";
}
