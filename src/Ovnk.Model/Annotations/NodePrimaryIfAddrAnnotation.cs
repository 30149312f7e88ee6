namespace Ovnk.Model.Annotations;

/// <summary>Codec for <c>k8s.ovn.org/node-primary-ifaddr</c>: <c>{"ipv4":"172.18.0.3/16","ipv6":"…/64"}</c>.</summary>
public static class NodePrimaryIfAddrAnnotation
{
    /// <summary>The annotation value.</summary>
    public static string Format(DualStackAddress address) => DualStackAddressCodec.Format(address);

    /// <summary>Parses the annotation value.</summary>
    public static AnnotationResult<DualStackAddress> Parse(string? value) =>
        DualStackAddressCodec.Parse(AnnotationKeys.NodePrimaryIfAddr, value);
}
