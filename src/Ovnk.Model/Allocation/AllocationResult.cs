using System.Diagnostics.CodeAnalysis;

namespace Ovnk.Model.Allocation;

/// <summary>Either an allocated value or the reason there is none; a full pool is a value, never an exception.</summary>
public readonly record struct AllocationResult<T>
    where T : notnull
{
    private AllocationResult(T? value, AllocationError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The allocated value when <see cref="IsSuccess"/>.</summary>
    public T? Value { get; }

    /// <summary>The refusal when not <see cref="IsSuccess"/>.</summary>
    public AllocationError? Error { get; }

    /// <summary>True when a value was allocated.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>A successful result.</summary>
    public static AllocationResult<T> Ok(T value) => new(value, null);

    /// <summary>A refusal.</summary>
    public static AllocationResult<T> Fail(AllocationErrorKind kind, string message) => new(default, new AllocationError(kind, message));
}
