using Ovnk.Cni.Protocol;
using Ovnk.Linux.Namespaces;
using Ovnk.Node.Cni;
using Ovnk.Node.Ovs;
using Ovnk.Ovsdb.Schemas.Typed;

namespace Ovnk.Node.Pods;

public sealed partial class PodCniHandler
{
    /// <inheritdoc/>
    /// <remarks>CNI SPEC: DEL must succeed when the netns or the resources are already gone.</remarks>
    public async Task DelAsync(CniServerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var containerId = request.ContainerId ?? throw Invalid("CNI_CONTAINERID is required");
        var ports = PodPorts.PortsOfSandbox(db, containerId).ToList();
        await PodPorts.RemoveAsync(db, ports, cancellationToken);
        using var node = OpenNode();
        foreach (var name in ports.Append(HostVethName.For(containerId)).Distinct(StringComparer.Ordinal))
            PodWiring.Delete(node, name);
    }

    /// <inheritdoc/>
    public Task CheckAsync(CniServerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pod = request.Pod ?? throw Invalid("CNI_ARGS lacks K8S_POD_NAMESPACE/K8S_POD_NAME");
        var hostVeth = HostVethName.For(request.ContainerId!);
        var iface = db.FindInterface(hostVeth);
        var ifaceId = Model.Naming.OvnNames.PodPort(pod.Namespace, pod.Name);
        if (iface is null || db.BridgeOfPort(hostVeth)?.Name != OvsNames.IntegrationBridge)
            throw CheckFailed($"port {hostVeth} is not on {OvsNames.IntegrationBridge}");
        if (iface.ExternalIds.GetValueOrDefault(OvsKeys.IfaceId, "") != ifaceId)
            throw CheckFailed($"port {hostVeth} is not bound to iface-id {ifaceId} (a newer sandbox took it?)");
        if (iface.ExternalIds.GetValueOrDefault(OvsKeys.OvnInstalled, "") != "true")
            throw CheckFailed($"port {hostVeth} has no ovn-installed=true");
        using var node = OpenNode();
        if (node.GetLink(hostVeth) is not { IsUp: true })
            throw CheckFailed($"the host veth {hostVeth} is missing or down");
        if (request.NetNs is not { } netns || !File.Exists(netns))
            throw CheckFailed($"the pod network namespace {request.NetNs} does not exist");
        using var podNs = Linux.Netlink.RtnlClient.Open(netns);
        var link = podNs.GetLink(request.IfName!);
        if (link is not { IsUp: true } || iface.ExternalIds.GetValueOrDefault(OvsKeys.AttachedMac, "") != PodWiring.MacText(link.Mac!))
            throw CheckFailed($"{request.IfName} in {netns} is missing, down or has another MAC than the port's attached_mac");
        var addresses = podNs.ListAddresses(request.IfName!).Select(a => a.Address.ToString()).ToHashSet(StringComparer.Ordinal);
        var expected = iface.ExternalIds.GetValueOrDefault(OvsKeys.IpAddresses, "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (!expected.All(addresses.Contains))
            throw CheckFailed($"{request.IfName} in {netns} lacks some of {string.Join(',', expected)}");
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    /// <remarks>CNI 1.1 GC: remove every pod port whose sandbox is not among the valid attachments.</remarks>
    public async Task GcAsync(CniServerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var valid = request.ValidAttachments.Select(a => a.ContainerId).ToHashSet(StringComparer.Ordinal);
        var stale = db.Cache.Rows<Ovsdb.Schemas.Vswitch.Interface>()
            .Where(i => i.ExternalIds.TryGetValue(OvsKeys.Sandbox, out var sandbox) && !valid.Contains(sandbox))
            .Select(i => i.Name).ToList();
        await PodPorts.RemoveAsync(db, stale, cancellationToken);
        using var node = OpenNode();
        foreach (var name in stale) PodWiring.Delete(node, name);
    }

    private static CniRequestException CheckFailed(string message) =>
        new(new CniError(CniErrorCode.Internal, "CHECK: " + message, "delete and re-add the pod's sandbox"));
}
