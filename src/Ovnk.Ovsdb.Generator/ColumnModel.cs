namespace Ovnk.Ovsdb.Generator;

/// <summary>A column as a record property: its C# type, how <c>FromRow</c> reads it and <c>ToRow</c> writes it.</summary>
internal sealed record ColumnModel(
    string Column,
    string Property,
    string CsType,
    string Initializer,
    string Read,
    string Write,
    string Doc);
