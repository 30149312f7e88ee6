namespace Ovnk.Ovsdb.Schemas.Typed;

/// <summary>One schema-drift finding, with a message that names the cause and what to do about it.</summary>
public sealed record SchemaDiagnostic(SchemaDiagnosticKind Kind, string Table, string? Column, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Message;
}
