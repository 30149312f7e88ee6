using k8s.Models;
using Ovnk.Cni.Protocol;
using Ovnk.Model.Annotations;
using Ovnk.Node.Cni;
using Ovnk.Node.Ovs;

namespace Ovnk.Node.Pods;

public sealed partial class PodCniHandler
{
    /// <inheritdoc/>
    public async Task<CniResult> AddAsync(CniServerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pod = request.Pod ?? throw Invalid("CNI_ARGS lacks K8S_POD_NAMESPACE/K8S_POD_NAME");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.PodReadyTimeout);
        var stage = PodStage.Annotation;
        PodAttachment? attachment = null;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var (uid, network) = await WaitForAnnotationAsync(pod, timeout.Token);
            var at = CniAddMetrics.Record("annotation", started);
            attachment = new PodAttachment(pod.Namespace, pod.Name, uid, request.ContainerId!, request.NetNs!, request.IfName!, network);
            var hostMac = Wire(attachment);
            at = CniAddMetrics.Record("veth", at);
            stage = PodStage.Port;
            var ips = string.Join(',', network.IpAddresses.Select(i => i.ToString()));
            await PodPorts.AddAsync(db, attachment, ips, timeout.Token);
            at = CniAddMetrics.Record("port_commit", at);
            await WaitForPortAsync(attachment, stage, timeout.Token);
            at = CniAddMetrics.Record("ofport", at);
            stage = PodStage.Binding;
            await WaitForPortAsync(attachment, stage, timeout.Token);
            CniAddMetrics.Record("ovn_installed", at);
            EnsureStillCurrent(attachment);
            CniAddMetrics.Record("total", started);
            return Result(attachment, hostMac);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await UndoAsync(attachment);
            throw new CniRequestException(new CniError(CniErrorCode.TryAgainLater, StuckMessage(stage, pod, attachment), StuckFix(stage)));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await UndoAsync(attachment);
            throw;
        }
    }

    private async Task<(string Uid, PodNetwork Network)> WaitForAnnotationAsync(CniPodArgs pod, CancellationToken cancellationToken)
    {
        var key = pod.Namespace + "/" + pod.Name;
        var found = await pods.WaitForAsync(key, p => Annotated(p) is { } n ? Tuple.Create(p!, n) : null, cancellationToken);
        var uid = found.Item1.Metadata.Uid ?? "";
        if (pod.Uid is { Length: > 0 } expected && expected != uid)
            throw Abandoned($"pod {key} now has UID {uid}, not the sandbox's {expected}: the pod was deleted and recreated");
        return (uid, found.Item2);
    }

    private static PodNetwork? Annotated(V1Pod? pod)
    {
        if (pod?.Metadata.Annotations is not { } annotations || !annotations.TryGetValue(AnnotationKeys.PodNetworks, out var text)) return null;
        var parsed = PodNetworksAnnotation.Parse(text);
        return parsed.IsSuccess && parsed.Value.TryGetValue(AnnotationKeys.DefaultNetwork, out var network) ? network : null;
    }

    private System.Net.NetworkInformation.PhysicalAddress Wire(PodAttachment attachment)
    {
        using var node = OpenNode();
        return PodWiring.Create(node, attachment, options.Mtu, options.IsUserspaceDatapath);
    }

    /// <summary>
    /// Port: ovs-vswitchd opened it (ofport). Binding: ovn-controller bound it and installed its flows
    /// (ovn-installed=true). Both watch the OVSDB monitor. A newer sandbox taking the iface-id abandons this ADD.
    /// </summary>
    private async Task WaitForPortAsync(PodAttachment a, PodStage stage, CancellationToken cancellationToken)
    {
        await db.WaitUntilAsync(() => db.FindInterface(a.HostVeth) is not { } i
            || i.ExternalIds.GetValueOrDefault(OvsKeys.IfaceId, "") != a.IfaceId
            || (stage == PodStage.Port ? i.Ofport > 0 || i.Error is not null : i.ExternalIds.GetValueOrDefault(OvsKeys.OvnInstalled, "") == "true"),
            cancellationToken);
        var iface = db.FindInterface(a.HostVeth);
        if (iface is null || iface.ExternalIds.GetValueOrDefault(OvsKeys.IfaceId, "") != a.IfaceId)
            throw Abandoned($"a newer sandbox of pod {a.PodNamespace}/{a.PodName} took iface-id {a.IfaceId}: this ADD is abandoned");
        if (stage == PodStage.Port && iface.Ofport is not > 0)
            throw new CniRequestException(new CniError(CniErrorCode.Internal, $"ovs-vswitchd could not add port {a.HostVeth}: {iface.Error}", "see the ovs-vswitchd log"));
    }

    /// <summary>An ADD whose pod was recreated (UID) or re-addressed (MAC) while it ran is abandoned (openshift#686).</summary>
    private void EnsureStillCurrent(PodAttachment a)
    {
        var pod = pods.Get(a.PodNamespace + "/" + a.PodName);
        if (pod is null || (pod.Metadata.Uid ?? "") != a.PodUid)
            throw Abandoned($"pod {a.PodNamespace}/{a.PodName} was deleted or recreated during the ADD");
        if (Annotated(pod) is { } now && now.Mac != a.Network.Mac)
            throw Abandoned($"pod {a.PodNamespace}/{a.PodName} changed MAC from {a.Network.Mac} to {now.Mac} during the ADD");
    }

    private async Task UndoAsync(PodAttachment? attachment)
    {
        if (attachment is null) return;
        using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await PodPorts.RemoveAsync(db, [attachment.HostVeth], cleanup.Token);
        using var node = OpenNode();
        PodWiring.Delete(node, attachment.HostVeth);
    }

    private static CniRequestException Abandoned(string message) =>
        new(new CniError(CniErrorCode.TryAgainLater, message, "the runtime retries with the current sandbox"));

    private string StuckMessage(PodStage stage, CniPodArgs pod, PodAttachment? a) => stage switch
    {
        PodStage.Annotation => $"timed out after {options.PodReadyTimeout.TotalSeconds:0} s at stage annotation: pod {pod.Namespace}/{pod.Name} has no {AnnotationKeys.PodNetworks} annotation for the default network",
        PodStage.Port => $"timed out after {options.PodReadyTimeout.TotalSeconds:0} s at stage port: ovs-vswitchd has not opened {a?.HostVeth} on {OvsNames.IntegrationBridge}",
        _ => $"timed out after {options.PodReadyTimeout.TotalSeconds:0} s at stage binding: ovn-controller has not set ovn-installed=true on {a?.HostVeth} (iface-id {a?.IfaceId}, {a?.Network.Mac} {string.Join(' ', a?.Network.IpAddresses ?? [])})",
    };

    private static string StuckFix(PodStage stage) => stage switch
    {
        PodStage.Annotation => "the controller writes the annotation: check that `ovnk controller` runs and has allocated an IP for the pod",
        PodStage.Port => "check the ovs-vswitchd log on the node",
        _ => "check that the logical switch port exists in the NB, that ovn-northd runs, and the ovn-controller log on the node (is it connected to the SB?)",
    };

    private static CniResult Result(PodAttachment a, System.Net.NetworkInformation.PhysicalAddress hostMac) => new(
        [new CniInterface(a.HostVeth, PodWiring.MacText(hostMac)), new CniInterface(a.IfName, a.Network.Mac.ToString(), a.NetNs)],
        [.. a.Network.IpAddresses.Select(ip => new CniIpConfig(ip.ToString(),
            a.Network.GatewayIps.FirstOrDefault(g => g.AddressFamily == ip.Address.AddressFamily)?.ToString(), 1))]);
}
