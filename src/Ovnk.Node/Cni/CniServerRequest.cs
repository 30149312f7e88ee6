using Ovnk.Cni.Protocol;

namespace Ovnk.Node.Cni;

/// <summary>
/// A CNI request as the agent sees it, decoded from the plugin's <see cref="CniRequest"/>. Attachment fields are set
/// for ADD/DEL/CHECK; <see cref="ValidAttachments"/> for GC. <see cref="Config"/> is the plugin's stdin unchanged.
/// </summary>
public sealed record CniServerRequest(
    CniCommand Command,
    string CniVersion,
    string NetworkName,
    string? ContainerId,
    string? NetNs,
    string? IfName,
    CniPodArgs? Pod,
    IReadOnlyList<CniAttachment> ValidAttachments,
    ReadOnlyMemory<byte> Config);
