using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Ovnk.Controller.Tests.Support;
using Ovnk.Model.Addressing;
using Ovnk.Model.Annotations;
using Ovnk.Translation.Topology;

namespace Ovnk.Controller.Tests;

/// <summary>
/// Acceptance 6: a malformed node or pod annotation, a node without an IP and an exhausted subnet pool each give a
/// Warning Event naming the object and the fix, while the rest of the cluster keeps working.
/// </summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task MalformedNodeAnnotation_AndNodeWithoutIp_GiveEvents_OtherNodesWork_AndAFixIsPickedUp()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await Cluster.StartAsync();
        await EnsureDefaultNamespaceAsync(cluster, ct);
        await cluster.CreateNodeAsync("good", "172.18.0.2", ct: ct);
        await cluster.CreateNodeAsync("garbled", "172.18.0.3", new Dictionary<string, string> { [AnnotationKeys.L3GatewayConfig] = "{not json" }, ct);
        var noIp = new L3GatewayConfig(GatewayMode.Shared, "breth0", "breth0_noip", new MacAddress(0x024200000004UL), [], [IPAddress.Parse("172.18.0.1")], true, 0);
        await cluster.CreateNodeAsync("noip", "172.18.0.4", new Dictionary<string, string> { [AnnotationKeys.L3GatewayConfig] = L3GatewayConfigAnnotation.Format(noIp) }, ct);
        await using var controller = RunningController.Start(cluster);

        var garbled = await EventAsync(cluster, "garbled", "InvalidNodeAnnotation", ct);
        Assert.Contains("node garbled", garbled, StringComparison.Ordinal);
        Assert.Contains(AnnotationKeys.L3GatewayConfig, garbled, StringComparison.Ordinal);
        Assert.Contains("fix or remove", garbled, StringComparison.Ordinal);
        Assert.Contains("the node has no IP", await EventAsync(cluster, "noip", "InvalidNodeAnnotation", ct), StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await NbCtl.NamesAsync(cluster.Nb, "Logical_Router")).Contains("GR_good"), "GR_good", ct: ct);
        Assert.DoesNotContain("GR_garbled", await NbCtl.NamesAsync(cluster.Nb, "Logical_Router"));

        var fixedValue = Cluster.AgentAnnotations("garbled", "172.18.0.3")[AnnotationKeys.L3GatewayConfig];
        var patch = new V1Patch(System.Text.Json.JsonSerializer.Serialize(new { metadata = new { annotations = new Dictionary<string, string> { [AnnotationKeys.L3GatewayConfig] = fixedValue } } }), V1Patch.PatchType.MergePatch);
        await cluster.Kube.CoreV1.PatchNodeAsync(patch, "garbled", cancellationToken: ct);
        await Eventually.TrueAsync(async () => (await NbCtl.NamesAsync(cluster.Nb, "Logical_Router")).Contains("GR_garbled"), "GR_garbled after the fix", ct: ct);
    }

    [Fact]
    public async Task SubnetPoolExhausted_GivesAnEvent_AndTheNodeGetsASubnetOnceOneIsFreed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await Cluster.StartAsync();
        await EnsureDefaultNamespaceAsync(cluster, ct);
        var small = new ClusterConfig([IPNetwork.Parse("10.244.0.0/23")], [IPNetwork.Parse("100.64.0.0/16")], [IPNetwork.Parse("10.96.0.0/16")]);
        await cluster.CreateNodeAsync("a", "172.18.0.2", ct: ct);
        await cluster.CreateNodeAsync("b", "172.18.0.3", ct: ct);
        await using var controller = RunningController.Start(cluster, o => o with { Cluster = small });
        await controller.WaitQuietAsync(ct);
        await cluster.CreateNodeAsync("c", "172.18.0.4", ct: ct);

        var message = await EventAsync(cluster, "c", "NodeSubnetAllocationFailed", ct);
        Assert.Contains("node c", message, StringComparison.Ordinal);
        Assert.Contains("delete unused nodes or configure a larger cluster CIDR", message, StringComparison.Ordinal);
        Assert.Contains("GR_a", await NbCtl.NamesAsync(cluster.Nb, "Logical_Router"));
        Assert.Contains("GR_b", await NbCtl.NamesAsync(cluster.Nb, "Logical_Router"));

        await cluster.Kube.CoreV1.DeleteNodeAsync("a", cancellationToken: ct);
        await Eventually.TrueAsync(async () => (await NbCtl.NamesAsync(cluster.Nb, "Logical_Router")).Contains("GR_c"), "GR_c once a's subnet is free", ct: ct);
    }

    [Fact]
    public async Task MalformedPodAnnotation_GivesAnEvent_AndIsRewritten()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await Cluster.StartAsync();
        await cluster.CreateNodeAsync("n1", "172.18.0.2", ct: ct);
        await cluster.CreateNamespaceAsync("bad", ct);
        await cluster.Kube.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "p", Annotations = new Dictionary<string, string> { [AnnotationKeys.PodNetworks] = "{\"default\":{\"ip_addresses\":[\"nonsense\"]}}" } },
            Spec = new V1PodSpec { NodeName = "n1", Containers = [new V1Container { Name = "c", Image = "busybox" }] },
        }, "bad", cancellationToken: ct);
        await using var controller = RunningController.Start(cluster);

        var message = await EventAsync(cluster, "p", "InvalidPodAnnotation", ct, "bad");
        Assert.Contains("pod bad/p", message, StringComparison.Ordinal);
        Assert.Contains(AnnotationKeys.PodNetworks, message, StringComparison.Ordinal);
        var net = await PodTests.AnnotatedAsync(cluster, "bad", "p", ct);
        Assert.Equal(MacAddress.ForIp(net.IpAddresses[0].Address), net.Mac);
        await Eventually.TrueAsync(async () => (await NbCtl.NamesAsync(cluster.Nb, "Logical_Switch_Port")).Contains("bad_p"), "LSP bad_p", ct: ct);
    }

    private static async Task<string> EventAsync(Cluster cluster, string involved, string reason, CancellationToken ct, string ns = "default")
    {
        string? message = null;
        await Eventually.TrueAsync(async () =>
        {
            var events = await cluster.Kube.CoreV1.ListNamespacedEventAsync(ns, cancellationToken: ct);
            message = events.Items.FirstOrDefault(e => e.InvolvedObject?.Name == involved && e.Reason == reason && e.Type == "Warning")?.Message;
            return message is not null;
        }, $"a {reason} Warning Event about {involved}", ct: ct);
        return message!;
    }

    private static async Task EnsureDefaultNamespaceAsync(Cluster cluster, CancellationToken ct)
    {
        try { await cluster.CreateNamespaceAsync("default", ct); }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict) { /* already there */ }
    }
}
