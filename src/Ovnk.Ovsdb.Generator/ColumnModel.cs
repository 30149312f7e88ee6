namespace Ovnk.Ovsdb.Generator;

/// <summary>
/// A column as a record property: its C# type, how <c>FromRow</c> reads it and <c>ToRow</c> writes it.
/// <see cref="IsRequired"/> marks a C# <c>required</c> property: a single-atom enum, whose OVSDB default (<c>""</c>)
/// is no valid value, so a forgotten ACL action cannot silently become the first enum member.
/// </summary>
internal sealed record ColumnModel(
    string Column,
    string Property,
    string CsType,
    string Initializer,
    string Read,
    string Write,
    string Doc,
    bool IsRequired = false);
