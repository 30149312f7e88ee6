using Ovnk.Ovsdb.Operations;

namespace Ovnk.Ovsdb;

/// <summary>
/// A transaction failed: one operation (or the commit itself) returned an RFC 7047 error, so nothing was applied.
/// <see cref="OperationIndex"/> is the failing operation, or the operation count for a commit-time error (e.g.
/// "referential integrity violation" or "constraint violation").
/// </summary>
public sealed class OvsdbTransactionException : OvsdbException
{
    /// <summary>Creates the exception.</summary>
    public OvsdbTransactionException(int operationIndex, Operation? operation, OperationResult result,
        IReadOnlyList<OperationResult> results)
        : base(Describe(operationIndex, operation, result))
    {
        OperationIndex = operationIndex;
        Operation = operation;
        Error = result.Error!;
        Details = result.Details;
        Results = results;
    }

    /// <summary>The index of the failing operation.</summary>
    public int OperationIndex { get; }

    /// <summary>The failing operation; null for a commit-time error.</summary>
    public Operation? Operation { get; }

    /// <summary>The RFC 7047 error string, e.g. "constraint violation", "timed out", "not owner".</summary>
    public string Error { get; }

    /// <summary>The server's details.</summary>
    public string? Details { get; }

    /// <summary>Every result of the transaction.</summary>
    public IReadOnlyList<OperationResult> Results { get; }

    /// <summary>
    /// A <c>wait</c> that timed out (a precondition that did not hold) and "canceled" can succeed when rebuilt from
    /// fresh state; every other error repeats.
    /// </summary>
    public override bool IsTransient => Error is "timed out" or "canceled";

    private static string Describe(int index, Operation? op, OperationResult result) =>
        $"transaction failed at {(op is null ? "commit" : $"operation {index} ({op.Op})")}: {result.Error}" +
        (string.IsNullOrEmpty(result.Details) ? "" : $": {result.Details}");
}
