using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Schemas.Typed;

/// <summary>
/// A typed reference to a row of <typeparamref name="T"/>'s table (RFC 7047 §3.2 <c>refTable</c>): either a row
/// UUID or, inside one transaction, the <c>uuid-name</c> of a row inserted earlier in it (§5.2.1).
/// </summary>
public readonly record struct RowRef<T>(Uuid Uuid, string? NamedUuid = null)
{
    /// <summary>A reference to a row inserted in the same transaction under <paramref name="uuidName"/>.</summary>
    public static RowRef<T> Named(string uuidName) => new(default, uuidName);

    /// <summary>The wire atom: a <see cref="Protocol.NamedUuid"/> for a same-transaction row, else the UUID.</summary>
    public object ToAtom() => NamedUuid is { } name ? new NamedUuid(name) : Uuid;

    /// <summary>A reference to an existing row.</summary>
    public static implicit operator RowRef<T>(Uuid uuid) => new(uuid);

    /// <summary>Same as the implicit conversion, for languages without it.</summary>
    public static RowRef<T> FromUuid(Uuid uuid) => new(uuid);

    /// <inheritdoc/>
    public override string ToString() => NamedUuid ?? Uuid.ToString();
}
