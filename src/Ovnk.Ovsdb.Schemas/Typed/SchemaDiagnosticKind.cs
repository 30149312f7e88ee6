namespace Ovnk.Ovsdb.Schemas.Typed;

/// <summary>How a server's schema or data differs from the schema the typed rows were generated from.</summary>
public enum SchemaDiagnosticKind
{
    /// <summary>A row carries a column the generated record does not know; it is ignored.</summary>
    UnknownColumn,
    /// <summary>A column's value does not fit the generated type (e.g. a new enum value); the default is used.</summary>
    BadValue,
    /// <summary>The server's schema lacks a column the generated record has; reads give the default.</summary>
    MissingColumn,
    /// <summary>The server's schema lacks a whole table the generated code has.</summary>
    MissingTable,
}
