using System.Text.Json;
using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Operations;

/// <summary>
/// The result of one operation (RFC 7047 §5.2): a new row's <see cref="Uuid"/> (insert), a <see cref="Count"/>
/// (update, mutate, delete), <see cref="Rows"/> (select), nothing (<c>{}</c>: wait, commit, comment, assert), or an
/// <see cref="Error"/>. Operations after the failing one have no result at all (<c>null</c> on the wire).
/// </summary>
public sealed record OperationResult(
    Uuid? Uuid = null,
    long? Count = null,
    IReadOnlyList<OvsdbRow>? Rows = null,
    string? Error = null,
    string? Details = null)
{
    /// <summary>The result of an operation that did not run because an earlier one failed.</summary>
    public static OperationResult NotRun { get; } = new(Error: "not run");

    /// <summary>True when the operation failed.</summary>
    public bool Failed => Error is not null;

    internal static OperationResult Read(JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Null)
            return NotRun;
        Uuid? uuid = json.TryGetProperty("uuid", out var u) ? (Uuid)OvsdbValue.Read(u) : null;
        long? count = json.TryGetProperty("count", out var c) ? c.GetInt64() : null;
        List<OvsdbRow>? rows = null;
        if (json.TryGetProperty("rows", out var r))
            rows = r.EnumerateArray().Select(RowReader.Read).ToList();
        var error = json.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        var details = json.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        return new OperationResult(uuid, count, rows, error, details);
    }
}
