using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Schemas.Typed;

/// <summary>What every generated row record offers, so generic code can read a table of any record type.</summary>
public interface IOvsdbRecord<TSelf> where TSelf : IOvsdbRecord<TSelf>
{
    /// <summary>The OVSDB table name.</summary>
    static abstract string Table { get; }

    /// <summary>The record's columns (without <c>_uuid</c>).</summary>
    static abstract IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Reads a wire row; never throws on drift (see <see cref="SchemaDiagnostics"/>).</summary>
    static abstract TSelf FromRow(Uuid uuid, OvsdbRow row, SchemaDiagnostics? diagnostics = null);

    /// <summary>The row's UUID (<c>_uuid</c>); default for a row not yet inserted.</summary>
    Uuid Uuid { get; }

    /// <summary>The wire row for an insert (only non-default columns) or, with defaults, an update.</summary>
    OvsdbRow ToRow(bool includeDefaults = false);
}
