using k8s.Models;
using Ovnk.Lab.Cluster;
using Ovnk.TestSupport;

namespace Ovnk.Lab.Tests.Cluster;

/// <summary>
/// A failed `lab up` names the stuck Ovnk container on the stuck node, its log file (kubelet-lite's /var/log/pods
/// layout) and the log's last lines, without the CRI prefixes.
/// </summary>
public sealed class LabDiagnosisTests
{
    [Fact]
    public void The_not_Ready_container_of_the_nodes_Ovnk_pod_is_named_with_its_log_and_tail()
    {
        using var dir = new TempDirectory();
        var paths = new LabPaths(dir.Path);
        var stuckPod = Pod("ovnkube-node-abcde", "uid-1", "lab-worker2", ready: false,
            Status("ovnkube-node", ready: false, restarts: 0), Status("ovn-controller", ready: true, restarts: 0));
        var pods = new[]
        {
            stuckPod,
            Pod("ovnkube-node-zzzzz", "uid-2", "lab-worker", ready: true, Status("ovnkube-node", true, 0), Status("ovn-controller", true, 0)),
            Pod("ovs-node-qqqqq", "uid-3", "lab-worker2", ready: true, Status("ovs-daemons", true, 0)),
        };
        var logDir = Path.Combine(paths.NodeDirectory("lab-worker2"), "logs", "ovn-kubernetes_ovnkube-node-abcde_uid-1", "ovnkube-node");
        Directory.CreateDirectory(logDir);
        var lines = Enumerable.Range(1, 40).Select(i => $"2026-11-23T17:50:{i % 60:00}.123456789Z stderr F line {i}");
        File.WriteAllLines(Path.Combine(logDir, "0.log"), lines);

        var stuck = LabDiagnosis.Stuck(pods, "lab-worker2", paths);
        var report = LabDiagnosis.Report("lab-worker2", stuck);

        var only = Assert.Single(stuck);
        Assert.Equal(("ovnkube-node-abcde", "ovnkube-node", "Running, not Ready"), (only.Pod, only.Container, only.State));
        Assert.Contains($"ovnkube-node-abcde on lab-worker2, container ovnkube-node: Running, not Ready; log: {Path.Combine(logDir, "0.log")}", report, StringComparison.Ordinal);
        Assert.Contains("    | line 40", report, StringComparison.Ordinal);
        Assert.Contains($"    | line {41 - LabDiagnosis.TailLines}\n", report, StringComparison.Ordinal);
        Assert.DoesNotContain($"| line {40 - LabDiagnosis.TailLines}\n", report, StringComparison.Ordinal);
        Assert.DoesNotContain("stderr F", report, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pod_without_statuses_lists_every_container_and_says_there_is_no_log_yet()
    {
        using var dir = new TempDirectory();
        var paths = new LabPaths(dir.Path);
        var stuck = LabDiagnosis.Stuck([Pod("ovs-node-x", "u", "n1", ready: false)], "n1", paths);

        Assert.Equal(["ovs-daemons"], stuck.Select(s => s.Container));
        Assert.Equal("no status yet", stuck[0].State);
        Assert.Contains("(no log yet)", LabDiagnosis.Report("n1", stuck), StringComparison.Ordinal);
        Assert.Contains("no Ovnk pod on n2", LabDiagnosis.Report("n2", []), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-23T17:50:01.1Z stdout F hello world", "hello world")]
    [InlineData("2026-11-23T17:50:01.1Z stderr P part", "part")]
    [InlineData("not a cri line", "not a cri line")]
    [InlineData("x stdout F y", "x stdout F y")]
    public void Cri_prefixes_are_stripped(string line, string expected) => Assert.Equal(expected, LabDiagnosis.StripCri(line));

    [Fact]
    public void States_read_like_kubectl()
    {
        Assert.Equal("Waiting (CrashLoopBackOff), 3 restarts", LabDiagnosis.Describe(new V1ContainerStatus
        {
            Name = "c", Image = "i", ImageID = "", Ready = false, RestartCount = 3,
            State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff" } },
        }));
        Assert.Equal("Terminated (Error, exit 1), 1 restart", LabDiagnosis.Describe(new V1ContainerStatus
        {
            Name = "c", Image = "i", ImageID = "", Ready = false, RestartCount = 1,
            State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { Reason = "Error", ExitCode = 1 } },
        }));
    }

    private static V1ContainerStatus Status(string name, bool ready, int restarts) => new()
    {
        Name = name, Image = "ghcr.io/ovnk/ovnk:dev", ImageID = "", Ready = ready, RestartCount = restarts,
        State = new V1ContainerState { Running = new V1ContainerStateRunning() },
    };

    private static V1Pod Pod(string name, string uid, string node, bool ready, params V1ContainerStatus[] statuses) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = LabApi.OvnkNamespace, Uid = uid },
        Spec = new V1PodSpec
        {
            NodeName = node,
            Containers = statuses.Length > 0
                ? [.. statuses.Select(s => new V1Container { Name = s.Name, Image = s.Image })]
                : [new V1Container { Name = "ovs-daemons", Image = "ghcr.io/ovnk/ovnk:dev" }],
        },
        Status = new V1PodStatus
        {
            Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False" }],
            ContainerStatuses = statuses.Length > 0 ? statuses : null,
        },
    };
}
