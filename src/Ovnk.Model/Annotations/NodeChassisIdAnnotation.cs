namespace Ovnk.Model.Annotations;

/// <summary>
/// Codec for <c>k8s.ovn.org/node-chassis-id</c>: the node's OVS <c>system-id</c>, which OVN uses as the chassis name
/// and in <c>requested-chassis</c>. Any non-empty token without whitespace (usually a UUID).
/// </summary>
public static class NodeChassisIdAnnotation
{
    /// <summary>The annotation value.</summary>
    public static string Format(string chassisId) => chassisId;

    /// <summary>Parses the annotation value.</summary>
    public static AnnotationResult<string> Parse(string? value) =>
        !string.IsNullOrEmpty(value) && !value.Any(char.IsWhiteSpace) && !value.Any(char.IsControl)
            ? AnnotationResult<string>.Ok(value)
            : AnnotationResult<string>.Fail(AnnotationKeys.NodeChassisId, $"'{value}' is not a chassis ID (the node's OVS system-id, e.g. a UUID)");
}
