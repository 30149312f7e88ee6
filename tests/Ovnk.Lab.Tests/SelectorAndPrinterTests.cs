using System.Text.Json.Nodes;
using Ovnk.Lab.Http;
using Ovnk.Lab.Selectors;
using Ovnk.Lab.Tables;

namespace Ovnk.Lab.Tests;

/// <summary>Selectors and printer helpers (pure logic).</summary>
public sealed class SelectorAndPrinterTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "fe" };

    [Theory]
    [InlineData("equality", "app=web", true)]
    [InlineData("double equals", "app==web", true)]
    [InlineData("inequality", "app!=web", false)]
    [InlineData("set in", "tier in (fe,be)", true)]
    [InlineData("set notin", "tier notin (fe)", false)]
    [InlineData("exists", "app", true)]
    [InlineData("not exists", "!missing", true)]
    [InlineData("conjunction", "app=web,tier in (be)", false)]
    [InlineData("empty", "", true)]
    public void LabelSelector_Matches(string name, string selector, bool expected)
    {
        Assert.NotEmpty(name);
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Labels));
    }

    [Fact]
    public void FieldSelector_UnsupportedField_Is400NamingIt()
    {
        var error = Assert.Throws<ApiException>(() => FieldSelector.Parse("spec.colour=red"));
        Assert.Equal(400, error.Code);
        Assert.Equal("field label not supported: spec.colour", error.Message);
    }

    [Fact]
    public void FieldSelector_PodFields_Match()
    {
        var pod = (JsonObject)JsonNode.Parse("""{"metadata":{"name":"p","namespace":"n"},"spec":{"nodeName":"w1"},"status":{"phase":"Running"}}""")!;
        Assert.True(FieldSelector.Parse("spec.nodeName=w1,status.phase=Running,metadata.namespace=n").Matches(pod));
        Assert.False(FieldSelector.Parse("spec.nodeName!=w1").Matches(pod));
    }

    [Theory]
    [InlineData(5, "5s")]
    [InlineData(119, "119s")]
    [InlineData(125, "2m5s")]
    [InlineData(900, "15m")]
    [InlineData(3 * 3600 + 20 * 60, "3h20m")]
    [InlineData(30 * 3600, "30h")]
    [InlineData(52 * 3600, "2d4h")]
    [InlineData(40 * 86400, "40d")]
    public void HumanDuration_FormatsAsKubectl(long seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void PodPrinter_ShowsReadyStatusRestartsAndWideColumns()
    {
        var pod = (JsonObject)JsonNode.Parse("""
            {"metadata":{"name":"p","creationTimestamp":"2026-01-01T00:00:00Z"},"spec":{"nodeName":"w1","containers":[{"name":"a"},{"name":"b"}]},
             "status":{"phase":"Running","podIP":"10.244.1.5","containerStatuses":[{"ready":true,"restartCount":2},{"ready":false,"restartCount":1,"state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}
            """)!;
        var cells = WorkloadPrinters.Pod.Cells(pod, DateTimeOffset.Parse("2026-01-01T00:00:30Z", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["p", "1/2", "CrashLoopBackOff", "3", "30s", "10.244.1.5", "w1", "<none>", "<none>"], cells.Select(c => c!.ToString()));
        Assert.Equal(["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"],
            WorkloadPrinters.Pod.Columns.Select(c => c.Name));
    }

    [Fact]
    public void NodePrinter_ShowsStatusRolesAndVersion()
    {
        var node = (JsonObject)JsonNode.Parse("""
            {"metadata":{"name":"ovn-control-plane","labels":{"node-role.kubernetes.io/control-plane":""}},"spec":{"unschedulable":true},
             "status":{"conditions":[{"type":"Ready","status":"False"}],"addresses":[{"type":"InternalIP","address":"172.18.0.2"}],
                       "nodeInfo":{"kubeletVersion":"v1.32.4","osImage":"Debian GNU/Linux 12","kernelVersion":"6.1.0","containerRuntimeVersion":"ovnk://1"}}}
            """)!;
        var cells = CorePrinters.Node.Cells(node, DateTimeOffset.UtcNow).Select(c => c!.ToString()).ToList();
        Assert.Equal(["ovn-control-plane", "NotReady,SchedulingDisabled", "control-plane"], cells[..3]);
        Assert.Equal(["v1.32.4", "172.18.0.2", "<none>", "Debian GNU/Linux 12", "6.1.0", "ovnk://1"], cells[4..]);
    }
}
