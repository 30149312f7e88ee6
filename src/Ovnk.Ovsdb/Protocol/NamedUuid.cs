namespace Ovnk.Ovsdb.Protocol;

/// <summary>
/// A reference to a row inserted earlier in the same transaction (RFC 7047 §5.1 <c>["named-uuid", "…"]</c>).
/// The name must be an identifier: <c>[_a-zA-Z][_a-zA-Z0-9]*</c>.
/// </summary>
public readonly record struct NamedUuid(string Name)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}
