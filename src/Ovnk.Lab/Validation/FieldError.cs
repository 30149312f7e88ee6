namespace Ovnk.Lab.Validation;

/// <summary>One validation failure at a field path (e.g. <c>spec.containers[0].image</c>).</summary>
/// <param name="Field">The field path in kubectl's notation.</param>
/// <param name="Reason">The Status cause reason: FieldValueInvalid, FieldValueRequired, FieldValueDuplicate…</param>
/// <param name="Message">What is wrong, in upstream's words, without the field (kubectl prints "field: message").</param>
public sealed record FieldError(string Field, string Reason, string Message);
