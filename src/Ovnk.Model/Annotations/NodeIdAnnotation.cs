using System.Globalization;

namespace Ovnk.Model.Annotations;

/// <summary>Codec for <c>k8s.ovn.org/node-id</c>: the decimal node ID, e.g. <c>3</c>.</summary>
public static class NodeIdAnnotation
{
    /// <summary>The annotation value.</summary>
    public static string Format(int nodeId) => nodeId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses the annotation value (a non-negative decimal integer).</summary>
    public static AnnotationResult<int> Parse(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? AnnotationResult<int>.Ok(id)
            : AnnotationResult<int>.Fail(AnnotationKeys.NodeId, $"'{value}' is not a non-negative decimal node ID");
}
