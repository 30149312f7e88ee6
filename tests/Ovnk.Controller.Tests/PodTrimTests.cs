using k8s.Models;
using Ovnk.Controller.Pods;

namespace Ovnk.Controller.Tests;

/// <summary>The pod informer's transform keeps what the controller reads and drops the rest, without touching the original.</summary>
public sealed class PodTrimTests
{
    private static V1Pod Full() => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta
        {
            Name = "p", NamespaceProperty = "ns", Uid = "u-1", ResourceVersion = "42", DeletionTimestamp = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            Labels = new Dictionary<string, string> { ["app"] = "web" },
            Annotations = new Dictionary<string, string>
            {
                ["k8s.ovn.org/pod-networks"] = "{}",
                ["kubectl.kubernetes.io/last-applied-configuration"] = new string('x', 4096),
            },
            ManagedFields = [new V1ManagedFieldsEntry { Manager = "kubectl", Operation = "Apply" }],
        },
        Spec = new V1PodSpec { NodeName = "n1", HostNetwork = true, Containers = [new V1Container { Name = "c", Image = "busybox" }] },
        Status = new V1PodStatus { Phase = "Running", Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }], PodIP = "10.244.1.3" },
    };

    [Fact]
    public void Trim_KeepsWhatTheControllerReads()
    {
        var trimmed = PodTrim.Trim(Full());

        Assert.Equal(("p", "ns", "u-1", "42"), (trimmed.Metadata.Name, trimmed.Metadata.NamespaceProperty, trimmed.Metadata.Uid, trimmed.Metadata.ResourceVersion));
        Assert.NotNull(trimmed.Metadata.DeletionTimestamp);
        Assert.Equal("web", trimmed.Metadata.Labels["app"]);
        Assert.Equal("{}", trimmed.Metadata.Annotations["k8s.ovn.org/pod-networks"]);
        Assert.Equal(("n1", true), (trimmed.Spec.NodeName, trimmed.Spec.HostNetwork));
        Assert.Equal("Running", trimmed.Status.Phase);
        Assert.Equal(("v1", "Pod"), (trimmed.ApiVersion, trimmed.Kind));
    }

    [Fact]
    public void Trim_DropsTheRest_AndLeavesTheOriginalAlone()
    {
        var full = Full();
        var trimmed = PodTrim.Trim(full);

        Assert.Equal(["k8s.ovn.org/pod-networks"], trimmed.Metadata.Annotations.Keys);
        Assert.Null(trimmed.Metadata.ManagedFields);
        Assert.Empty(trimmed.Spec.Containers);
        Assert.Null(trimmed.Status.Conditions);
        Assert.Null(trimmed.Status.PodIP);
        Assert.Equal(2, full.Metadata.Annotations.Count);
        Assert.Single(full.Spec.Containers);
        Assert.NotNull(full.Metadata.ManagedFields);
    }

    [Theory]
    [InlineData("no annotations at all", false)]
    [InlineData("only foreign annotations", true)]
    public void Trim_WithoutOvnAnnotations_HasNone(string name, bool foreign)
    {
        Assert.NotEmpty(name);
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "p", Annotations = foreign ? new Dictionary<string, string> { ["a/b"] = "c" } : null },
            Spec = new V1PodSpec { Containers = [] },
        };

        Assert.Null(PodTrim.Trim(pod).Metadata.Annotations);
    }
}
