namespace Ovnk.Ovsdb.Protocol;

/// <summary>An OVSDB row UUID (RFC 7047 §5.1 <c>["uuid", "…"]</c>).</summary>
public readonly record struct Uuid(Guid Value)
{
    /// <summary>Parses the canonical 36-character form.</summary>
    public static Uuid Parse(string text) => new(Guid.ParseExact(text, "D"));

    /// <inheritdoc/>
    public override string ToString() => Value.ToString("D");
}
