using System.Text.Json;

namespace Ovnk.Ovsdb.Operations;

/// <summary><c>commit</c> (RFC 7047 §5.2.7): with <paramref name="Durable"/>, the reply waits for the disk.</summary>
public sealed record Commit(bool Durable) : Operation
{
    /// <inheritdoc/>
    public override string Op => "commit";

    /// <inheritdoc/>
    protected override void WriteFields(Utf8JsonWriter writer) => writer.WriteBoolean("durable", Durable);
}
