using System.Diagnostics.CodeAnalysis;

namespace Ovnk.Model.Annotations;

/// <summary>Either a parsed annotation value or the reason it could not be parsed (never an exception on user data).</summary>
public readonly record struct AnnotationResult<T>
    where T : notnull
{
    private AnnotationResult(T? value, AnnotationError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The parsed value when <see cref="IsSuccess"/>.</summary>
    public T? Value { get; }

    /// <summary>The problem when not <see cref="IsSuccess"/>.</summary>
    public AnnotationError? Error { get; }

    /// <summary>True when the annotation parsed.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>A parsed value.</summary>
    public static AnnotationResult<T> Ok(T value) => new(value, null);

    /// <summary>A malformed annotation.</summary>
    public static AnnotationResult<T> Fail(string annotation, string problem) => new(default, new AnnotationError(annotation, problem));

    /// <summary>Carries an error over to a result of another type.</summary>
    public AnnotationResult<TOther> Cast<TOther>()
        where TOther : notnull =>
        AnnotationResult<TOther>.Fail(Error!.Annotation, Error.Problem);
}
