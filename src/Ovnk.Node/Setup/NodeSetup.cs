using System.Net;
using System.Net.Sockets;
using k8s;
using k8s.Models;
using Ovnk.Linux.Namespaces;
using Ovnk.Linux.Netlink;
using Ovnk.Model.Annotations;
using Ovnk.Node.Kube;
using Ovnk.Node.Ovs;

namespace Ovnk.Node.Setup;

/// <summary>
/// Node setup in order, each step idempotent: bridges (uplink under breth0), Open_vSwitch external_ids, the uplink's
/// addresses and routes onto breth0, the gateway annotations, then (once the controller assigned the node subnet)
/// the management port and its annotation, and finally the CNI config — written last, as upstream does, because
/// its presence tells the runtime the node's network is ready.
/// </summary>
public static class NodeSetup
{
    private static readonly TimeSpan LinkTimeout = TimeSpan.FromSeconds(10);

    public static async Task<NodeSetupResult> RunAsync(NodeOptions options, VswitchDb db, IKubernetes kube,
        WatchedStore<V1Node, V1NodeList> node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(node);
        using var rtnl = options.NetNsPath is null ? RtnlClient.OpenCurrent() : RtnlClient.Open(options.NetNsPath);
        var uplinkLink = rtnl.GetLink(options.Uplink)
            ?? throw new NodeSetupException($"the uplink {options.Uplink} does not exist in the node's network namespace", "pass the node's NIC with --uplink");
        var self = await node.WaitForAsync(options.NodeName, n => n, cancellationToken);
        var published = NodeAnnotations.PublishedGateway(self);
        var encapIp = FirstIPv4(rtnl, options.Uplink) ?? FirstIPv4(rtnl, OvsNames.GatewayBridge)
            ?? published?.Addresses.Select(a => a.Address).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? throw new NodeSetupException($"neither {options.Uplink} nor {OvsNames.GatewayBridge} has an IPv4 address", "give the node's NIC its IP before starting the agent");
        await OvsNodeSetup.WaitForRootAsync(db, options, cancellationToken);
        await OvsNodeSetup.EnsureBridgesAsync(db, options, uplinkLink.Mac ?? throw new NodeSetupException($"{options.Uplink} has no MAC", "use an Ethernet NIC as uplink"), cancellationToken);
        var chassisId = await OvsNodeSetup.EnsureSystemAsync(db, options, encapIp.ToString(), cancellationToken);
        await WaitForLinkAsync(rtnl, OvsNames.GatewayBridge, cancellationToken);
        var uplink = UplinkMove.Run(rtnl, options.Uplink, OvsNames.GatewayBridge, published);
        InNodeNamespace(options, () => UplinkMove.QuietUplink(options.Uplink));

        await NodeAnnotator.PublishAsync(kube, self, NodeAnnotations.Gateway(options.NodeName, chassisId, uplink), cancellationToken);
        var subnet = await WaitForSubnetAsync(options, node, cancellationToken);

        var mac = ManagementPortConfig.Mac(subnet);
        await OvsNodeSetup.EnsureManagementPortAsync(db, options, mac.ToString(), cancellationToken);
        await WaitForLinkAsync(rtnl, OvsNames.ManagementPort, cancellationToken);
        ManagementPortConfig.Run(rtnl, subnet, options.ClusterCidr, options.Mtu);
        InNodeNamespace(options, ManagementPortConfig.LooseReversePath);
        await NodeAnnotator.PublishAsync(kube, node.Get(options.NodeName) ?? self, NodeAnnotations.ManagementMac(mac), cancellationToken);

        CniConfigInstaller.Install(options);
        return new NodeSetupResult(chassisId, uplink, subnet);
    }

    /// <summary>The controller writes node-subnets; until it has, the node cannot host pods (bounded, watch-driven).</summary>
    private static async Task<IPNetwork> WaitForSubnetAsync(NodeOptions options, WatchedStore<V1Node, V1NodeList> node, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.NodeSubnetTimeout);
        try
        {
            var boxed = await node.WaitForAsync(options.NodeName, n => Subnet(n) is { } s ? new System.Runtime.CompilerServices.StrongBox<IPNetwork>(s) : null, timeout.Token);
            return boxed.Value!;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NodeSetupException($"node {options.NodeName} has no {AnnotationKeys.NodeSubnets} annotation after {options.NodeSubnetTimeout.TotalSeconds:0} s",
                "the controller assigns node subnets: check that `ovnk controller` runs and can reach the API");
        }
    }

    internal static IPNetwork? Subnet(V1Node? node)
    {
        if (node?.Metadata.Annotations is not { } annotations || !annotations.TryGetValue(AnnotationKeys.NodeSubnets, out var text)) return null;
        var parsed = NodeSubnetsAnnotation.Parse(text);
        return parsed.IsSuccess && parsed.Value.TryGetValue(AnnotationKeys.DefaultNetwork, out var subnets)
            ? subnets.FirstOrDefault(s => s.BaseAddress.AddressFamily == AddressFamily.InterNetwork) is { PrefixLength: > 0 } v4 ? v4 : null
            : null;
    }

    private static IPAddress? FirstIPv4(RtnlClient rtnl, string link) =>
        rtnl.GetLink(link) is null ? null
            : rtnl.ListAddresses(link, AddressFamily.InterNetwork).Where(a => a.Scope == RouteScope.Universe).Select(a => a.Address.Address).FirstOrDefault();

    /// <summary>ovs-vswitchd creates the kernel side of an internal port right after assigning the ofport.</summary>
    private static async Task WaitForLinkAsync(RtnlClient rtnl, string name, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + LinkTimeout;
        while (rtnl.GetLink(name) is null)
        {
            if (DateTime.UtcNow > deadline)
                throw new NodeSetupException($"ovs-vswitchd did not create the interface {name} within {LinkTimeout.TotalSeconds:0} s", "check that ovs-vswitchd runs in the node's network namespace");
            await Task.Delay(20, cancellationToken);
        }
    }

    internal static void InNodeNamespace(NodeOptions options, Action body)
    {
        if (options.NetNsPath is null) body();
        else NetNs.Run(options.NetNsPath, body);
    }
}
