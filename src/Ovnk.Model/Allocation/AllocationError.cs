namespace Ovnk.Model.Allocation;

/// <summary>A refused allocation: what kind of refusal and a message that names the pool and the fix.</summary>
public sealed record AllocationError(AllocationErrorKind Kind, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Kind}: {Message}";
}
