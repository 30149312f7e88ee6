namespace Ovnk.Model.Annotations;

/// <summary>A malformed annotation: which key, what is wrong, and what to do about it.</summary>
public sealed record AnnotationError(string Annotation, string Problem)
{
    /// <summary>One line for an Event or a log: names the annotation, the problem and the fix.</summary>
    public string Message => $"annotation {Annotation} is malformed: {Problem}; fix or remove the annotation so it is rewritten.";

    /// <inheritdoc/>
    public override string ToString() => Message;
}
