using System.Text.Json;

namespace Ovnk.Ovsdb.Operations;

/// <summary><c>abort</c> (RFC 7047 §5.2.8): always fails with "aborted", undoing the transaction.</summary>
public sealed record Abort : Operation
{
    /// <inheritdoc/>
    public override string Op => "abort";

    /// <inheritdoc/>
    protected override void WriteFields(Utf8JsonWriter writer)
    {
    }
}
