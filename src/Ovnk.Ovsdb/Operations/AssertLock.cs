using System.Text.Json;

namespace Ovnk.Ovsdb.Operations;

/// <summary><c>assert</c> (RFC 7047 §5.2.10): fails with "not owner" unless this session holds the lock.</summary>
public sealed record AssertLock(string Lock) : Operation
{
    /// <inheritdoc/>
    public override string Op => "assert";

    /// <inheritdoc/>
    protected override void WriteFields(Utf8JsonWriter writer) => writer.WriteString("lock", Lock);
}
