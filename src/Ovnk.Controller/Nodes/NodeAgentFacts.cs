using k8s.Models;
using Ovnk.Model.Addressing;
using Ovnk.Model.Annotations;

namespace Ovnk.Controller.Nodes;

/// <summary>
/// What the node agent reports in its node's annotations: chassis ID, gateway config (node IP, breth0 MAC, next
/// hop) and management port MAC. <see cref="Missing"/> when the agent has not written them yet (wait for the next
/// update); <see cref="Error"/> when one is malformed (an Event names the annotation and the fix).
/// </summary>
public sealed record NodeAgentFacts(string? ChassisId, L3GatewayConfig? Gateway, MacAddress? ManagementMac, string? Missing, AnnotationError? Error)
{
    /// <summary>Parses the node agent's annotations of <paramref name="node"/>.</summary>
    public static NodeAgentFacts From(V1Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var a = node.Metadata.Annotations ?? new Dictionary<string, string>();
        foreach (var key in new[] { AnnotationKeys.NodeChassisId, AnnotationKeys.L3GatewayConfig })
            if (!a.ContainsKey(key)) return new(null, null, null, key, null);
        if (!a.ContainsKey(AnnotationKeys.NodeMgmtPortMacAddresses) && !a.ContainsKey(AnnotationKeys.NodeMgmtPortMacAddress))
            return new(null, null, null, AnnotationKeys.NodeMgmtPortMacAddresses, null);
        var chassis = NodeChassisIdAnnotation.Parse(a[AnnotationKeys.NodeChassisId]);
        if (!chassis.IsSuccess) return new(null, null, null, null, chassis.Error);
        var gateway = L3GatewayConfigAnnotation.Parse(a[AnnotationKeys.L3GatewayConfig]);
        if (!gateway.IsSuccess) return new(null, null, null, null, gateway.Error);
        if (gateway.Value.Mode != GatewayMode.Disabled && gateway.Value.Mac is null)
            return new(null, null, null, null, new AnnotationError(AnnotationKeys.L3GatewayConfig, "mac-address is missing (the breth0 MAC)"));
        var mac = NodeMgmtPortMacAnnotation.FromAnnotations(a.AsReadOnly());
        if (!mac.IsSuccess) return new(null, null, null, null, mac.Error);
        return new(chassis.Value, gateway.Value, mac.Value, null, null);
    }
}
