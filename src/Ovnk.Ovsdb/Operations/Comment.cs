using System.Text.Json;

namespace Ovnk.Ovsdb.Operations;

/// <summary><c>comment</c> (RFC 7047 §5.2.9): text written to the database log with the transaction.</summary>
public sealed record Comment(string Text) : Operation
{
    /// <inheritdoc/>
    public override string Op => "comment";

    /// <inheritdoc/>
    protected override void WriteFields(Utf8JsonWriter writer) => writer.WriteString("comment", Text);
}
