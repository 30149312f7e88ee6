namespace Ovnk.Model.Annotations;

/// <summary>
/// Codec for <c>k8s.ovn.org/node-gateway-router-lrp-ifaddr</c>: the GR join address, <c>{"ipv4":"100.64.0.3/16"}</c>
/// (upstream 2024; master derives the same value from the node ID, so both agree).
/// </summary>
public static class NodeGatewayRouterLrpIfAddrAnnotation
{
    /// <summary>The annotation value.</summary>
    public static string Format(DualStackAddress address) => DualStackAddressCodec.Format(address);

    /// <summary>Parses the annotation value.</summary>
    public static AnnotationResult<DualStackAddress> Parse(string? value) =>
        DualStackAddressCodec.Parse(AnnotationKeys.NodeGatewayRouterLrpIfAddr, value);
}
