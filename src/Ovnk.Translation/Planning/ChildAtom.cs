using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Translation.Planning;

/// <summary>A reference to a row: an existing UUID, or the uuid-name of a row inserted in the same transaction.</summary>
public readonly record struct ChildAtom(Uuid Uuid, string? Named)
{
    /// <summary>The wire atom.</summary>
    public object ToAtom() => Named is { } n ? new NamedUuid(n) : Uuid;

    /// <inheritdoc/>
    public override string ToString() => Named ?? Uuid.ToString();
}
