using k8s;
using Ovnk.Controller.Tests.Support;
using Ovnk.Model.Annotations;

namespace Ovnk.Controller.Tests;

/// <summary>Node subnets, IDs and join IPs as upstream annotations; node topology; release on delete.</summary>
public sealed class ClusterManagerTests
{
    [Fact]
    public async Task Nodes_GetDistinctSubnetsIdsAndJoinIps_AsUpstreamAnnotations_AndTheirTopology()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await Cluster.StartAsync();
        string[] names = ["n1", "n2", "n3"];
        for (var i = 0; i < names.Length; i++) await cluster.CreateNodeAsync(names[i], $"172.18.0.{i + 2}", ct: ct);
        await using var controller = RunningController.Start(cluster);
        await controller.WaitQuietAsync(ct);

        var seen = new HashSet<string>();
        foreach (var name in names)
        {
            var a = (await cluster.Kube.CoreV1.ReadNodeAsync(name, cancellationToken: ct)).Metadata.Annotations;
            var id = NodeIdAnnotation.Parse(a[AnnotationKeys.NodeId]).Value;
            Assert.InRange(id, 2, 4);
            var subnet = Assert.Single(NodeSubnetsAnnotation.Parse(a[AnnotationKeys.NodeSubnets]).Value![AnnotationKeys.DefaultNetwork]);
            Assert.Matches(@"^\{""default"":\[""10\.244\.\d+\.0/24""\]\}$", a[AnnotationKeys.NodeSubnets]);
            Assert.True(seen.Add(subnet.ToString()) && seen.Add("id" + id));
            Assert.Equal($"{{\"ipv4\":\"100.64.0.{id}/16\"}}", a[AnnotationKeys.NodeGatewayRouterLrpIfAddr]);
            Assert.Equal($"[\"100.64.0.{id}/16\"]", await NbCtl.GetAsync(cluster.Nb, "Logical_Router_Port", $"rtoj-GR_{name}", "networks"));
            Assert.Equal($"{{subnet=\"{subnet}\"}}", (await NbCtl.GetAsync(cluster.Nb, "Logical_Switch", name, "other_config")).Trim());
        }
        Assert.Contains("ovn_cluster_router", await NbCtl.NamesAsync(cluster.Nb, "Logical_Router"));
        Assert.Contains("join", await NbCtl.NamesAsync(cluster.Nb, "Logical_Switch"));
    }

    [Fact]
    public async Task NodeDeleted_ItsRowsGo_AndItsSubnetAndIdAreReused()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await Cluster.StartAsync();
        await cluster.CreateNodeAsync("n1", "172.18.0.2", ct: ct);
        await cluster.CreateNodeAsync("n2", "172.18.0.3", ct: ct);
        await using var controller = RunningController.Start(cluster);
        await controller.WaitQuietAsync(ct);
        var n2 = (await cluster.Kube.CoreV1.ReadNodeAsync("n2", cancellationToken: ct)).Metadata.Annotations;

        await cluster.Kube.CoreV1.DeleteNodeAsync("n2", cancellationToken: ct);
        await Eventually.TrueAsync(async () => !(await NbCtl.NamesAsync(cluster.Nb, "Logical_Router")).Contains("GR_n2"), "GR_n2 removed", ct: ct);
        Assert.DoesNotContain("n2", await NbCtl.NamesAsync(cluster.Nb, "Logical_Switch"));
        Assert.DoesNotContain("rtos-n2", await NbCtl.NamesAsync(cluster.Nb, "Logical_Router_Port"));
        Assert.DoesNotContain("jtor-GR_n2", await NbCtl.NamesAsync(cluster.Nb, "Logical_Switch_Port"));

        await cluster.CreateNodeAsync("n3", "172.18.0.4", ct: ct);
        await Eventually.TrueAsync(async () =>
            (await cluster.Kube.CoreV1.ReadNodeAsync("n3", cancellationToken: ct)).Metadata.Annotations.ContainsKey(AnnotationKeys.NodeSubnets), "n3 annotated", ct: ct);
        var n3 = (await cluster.Kube.CoreV1.ReadNodeAsync("n3", cancellationToken: ct)).Metadata.Annotations;
        Assert.Equal(n2[AnnotationKeys.NodeSubnets], n3[AnnotationKeys.NodeSubnets]);
        Assert.Equal(n2[AnnotationKeys.NodeId], n3[AnnotationKeys.NodeId]);
    }
}
