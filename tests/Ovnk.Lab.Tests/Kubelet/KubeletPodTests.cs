using System.Text;
using k8s;
using k8s.Models;
using Ovnk.Lab.Tests.Support;
using Ovnk.TestSupport;

namespace Ovnk.Lab.Tests.Kubelet;

/// <summary>
/// Pod lifecycle on one bridge node: deletion runs CNI DEL exactly once and leaks nothing (acceptance 4, first
/// half); volumes and env reach the container; a missing command and an unknown image fail with clear reasons
/// (acceptance 6); a failing liveness probe restarts the container (acceptance 3, last part).
/// </summary>
public sealed class KubeletPodTests(BridgeNodeFixture fixture) : IClassFixture<BridgeNodeFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeleteRunsCniDelOnceAndLeavesNothing()
    {
        using var client = fixture.Server.Client();
        var node = fixture.Node;
        var ns = await NamespaceAsync(client, "del");
        await client.CoreV1.CreateNamespacedPodAsync(PodWaits.Pod("web", node, PodWaits.Agnhost()), ns, cancellationToken: Ct);
        var pod = await PodWaits.RunningAsync(client, ns, "web", node);
        var podNs = node.PodNetNs(pod.Metadata.Uid);
        Assert.Contains(podNs, node.NetNamespaces());
        var sandbox = Ovnk.Lab.Kubelet.Pods.SandboxRecord.Load(node.Paths.PodDirectory(pod.Metadata.Uid));
        Assert.NotNull(sandbox);
        var add = Assert.Single(LoggedBridge.Calls(node), c => c.Command == "ADD" && c.Id == sandbox.Id);
        Assert.Single(node.CniCacheFiles(), f => f.Contains(add.Id, StringComparison.Ordinal));

        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        await kubectl.OkAsync("delete", "pod", "web", "-n", ns, "--wait=false");
        await PodWaits.GoneAsync(client, ns, "web", node);
        await Wait.UntilAsync("the pod's netns removed", 60, () => Task.FromResult(!node.NetNamespaces().Contains(podNs)), () => node.Output.ToString());

        Assert.Single(LoggedBridge.Calls(node), c => c.Command == "DEL" && c.Id == add.Id);
        Assert.DoesNotContain(node.CniCacheFiles(), f => f.Contains(add.Id, StringComparison.Ordinal));
        Assert.DoesNotContain(node.IpamAllocations(), f => File.ReadAllText(f).Contains(add.Id, StringComparison.Ordinal));
        Assert.DoesNotContain(pod.Status.PodIP, (await Proc.RunAsync("ip", ["-n", node.NetNs, "neigh"])).Stdout.Split('\n').Where(l => l.Contains("PERMANENT", StringComparison.Ordinal)));
        Assert.False(Directory.Exists(node.Paths.PodDirectory(pod.Metadata.Uid)), "the pod's state directory is removed");
        // Every host-side veth left in the node belongs to a pod that still has its namespace.
        await Wait.UntilAsync("one veth per remaining pod", 60, async () =>
            VethCount((await Proc.RunAsync("ip", ["-n", node.NetNs, "-o", "link"])).Stdout) == node.NetNamespaces().Count(n => n != node.NetNs));
    }

    [Fact]
    public async Task VolumesAndEnvReachTheContainer()
    {
        using var client = fixture.Server.Client();
        var node = fixture.Node;
        var ns = await NamespaceAsync(client, "vol");
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cfg" }, Data = new Dictionary<string, string> { ["greeting"] = "hello-from-cm" } }, ns, cancellationToken: Ct);
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "sec" }, Data = new Dictionary<string, byte[]> { ["password"] = Encoding.UTF8.GetBytes("s3cret") } }, ns, cancellationToken: Ct);
        await client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "default" } }, ns, cancellationToken: Ct);
        var mnt = $"/tmp/kubelet-vol-{Guid.NewGuid():N}";
        var container = new V1Container
        {
            Name = "c",
            Image = "busybox",
            Command = ["sh", "-c", $"cat {mnt}/cfg/greeting; echo; cat {mnt}/sec/password; echo; echo env=$FROM_CM/$FROM_SECRET/$NODE/$POD/$PODNS/$IP/$LITERAL; cat /var/run/secrets/kubernetes.io/serviceaccount/namespace; echo; hostname; echo scratch > {mnt}/scratch/f && cat {mnt}/scratch/f; sleep infinity"],
            Env =
            [
                new V1EnvVar { Name = "FROM_CM", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "cfg", Key = "greeting" } } },
                new V1EnvVar { Name = "FROM_SECRET", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "sec", Key = "password" } } },
                new V1EnvVar { Name = "NODE", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "spec.nodeName" } } },
                new V1EnvVar { Name = "POD", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } },
                new V1EnvVar { Name = "PODNS", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.namespace" } } },
                new V1EnvVar { Name = "LITERAL", Value = "lit-$(NODE)" },
                new V1EnvVar { Name = "IP", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "status.podIP" } } },
            ],
            VolumeMounts =
            [
                new V1VolumeMount { Name = "cfg", MountPath = $"{mnt}/cfg" },
                new V1VolumeMount { Name = "sec", MountPath = $"{mnt}/sec", ReadOnlyProperty = true },
                new V1VolumeMount { Name = "scratch", MountPath = $"{mnt}/scratch" },
            ],
        };
        var pod = PodWaits.Pod("vols", node, container);
        pod.Spec.Volumes =
        [
            new V1Volume { Name = "cfg", ConfigMap = new V1ConfigMapVolumeSource { Name = "cfg" } },
            new V1Volume { Name = "sec", Secret = new V1SecretVolumeSource { SecretName = "sec" } },
            new V1Volume { Name = "scratch", EmptyDir = new V1EmptyDirVolumeSource() },
        ];
        await client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: Ct);
        var running = await PodWaits.RunningAsync(client, ns, "vols", node);
        var log = Path.Combine(node.Paths.ContainerLogDirectory(ns, "vols", running.Metadata.Uid, "c"), "0.log");
        var text = await Wait.ForAsync("the container's output", 30, async () =>
        {
            var t = File.Exists(log) ? await File.ReadAllTextAsync(log, Ct) : "";
            return t.Contains("scratch", StringComparison.Ordinal) ? t : null;
        }, () => node.Output.ToString());
        var lines = text.Split('\n');
        Assert.Equal("hello-from-cm", lines[0]);
        Assert.Equal("s3cret", lines[1]);
        Assert.Equal($"env=hello-from-cm/s3cret/{node.Name}/vols/{ns}/{running.Status.PodIP}/lit-{node.Name}", lines[2]);
        Assert.Equal(ns, lines[3]);
        Assert.Equal("vols", lines[4]);
        // Mounts are private to the container: the host does not see them.
        Assert.False(File.Exists($"{mnt}/cfg/greeting"));
        var pid = int.Parse(File.ReadAllText(Path.Combine(node.Paths.PodDirectory(running.Metadata.Uid), "containers", "c.pid")).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        await client.CoreV1.DeleteNamespacedPodAsync("vols", ns, cancellationToken: Ct);
        // The shell's child (sleep) goes with it: the container's whole process group is stopped.
        await Wait.UntilAsync("the container's processes gone", 60, () => Task.FromResult(!ProcessGroupAlive(pid)), () => node.Output.ToString());
        Directory.Delete(mnt, recursive: true);
    }

    [Fact]
    public async Task MissingCommandAndUnknownImageFailWithClearReasons()
    {
        using var client = fixture.Server.Client();
        var node = fixture.Node;
        var ns = await NamespaceAsync(client, "bad");
        await client.CoreV1.CreateNamespacedPodAsync(PodWaits.Pod("nocmd", node, new V1Container { Name = "c", Image = "busybox", Command = ["no-such-command-xyz"] }), ns, cancellationToken: Ct);
        await client.CoreV1.CreateNamespacedPodAsync(PodWaits.Pod("noimage", node, new V1Container { Name = "c", Image = "example.com/unknown-app:1" }), ns, cancellationToken: Ct);

        var nocmd = await PodWaits.ForAsync(client, ns, "nocmd", "StartError", p =>
            p.Status?.ContainerStatuses?.FirstOrDefault() is { } s && (s.State?.Terminated?.Reason == "StartError" || s.LastState?.Terminated?.Reason == "StartError"), node);
        var status = nocmd.Status.ContainerStatuses[0];
        var terminated = status.State.Terminated ?? status.LastState.Terminated;
        Assert.Contains("exec: \"no-such-command-xyz\": executable file not found in $PATH", terminated.Message);
        Assert.Equal(128, terminated.ExitCode);

        var noimage = await PodWaits.ForAsync(client, ns, "noimage", "ErrImagePull", p =>
            p.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting?.Reason == "ErrImagePull", node);
        Assert.Contains("unknown-app", noimage.Status.ContainerStatuses[0].State.Waiting.Message);
        Assert.Equal("Pending", noimage.Status.Phase);

        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var describe = await kubectl.OkAsync("describe", "pod", "nocmd", "-n", ns);
        Assert.Contains("executable file not found", describe);

        foreach (var name in new[] { "nocmd", "noimage" })
        {
            var uid = (await client.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: Ct)).Metadata.Uid;
            await client.CoreV1.DeleteNamespacedPodAsync(name, ns, cancellationToken: Ct);
            await Wait.UntilAsync($"{name} cleaned up", 60, () => Task.FromResult(!Directory.Exists(node.Paths.PodDirectory(uid)) && !node.NetNamespaces().Contains(node.PodNetNs(uid))), () => node.Output.ToString());
        }
    }

    [Fact]
    public async Task LivenessFailureRestartsTheContainer()
    {
        using var client = fixture.Server.Client();
        var node = fixture.Node;
        var ns = await NamespaceAsync(client, "live");
        var container = PodWaits.Agnhost();
        container.LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = 9999 }, PeriodSeconds = 1, FailureThreshold = 2 };
        container.ReadinessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = 8080 }, PeriodSeconds = 1 };
        await client.CoreV1.CreateNamespacedPodAsync(PodWaits.Pod("live", node, container), ns, cancellationToken: Ct);
        var restarted = await PodWaits.ForAsync(client, ns, "live", "restarted by liveness", p => p.Status?.ContainerStatuses?.FirstOrDefault()?.RestartCount >= 1, node);
        Assert.Equal("Running", restarted.Status.Phase);
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var events = await kubectl.OkAsync("get", "events", "-n", ns);
        Assert.Contains("Liveness probe failed", events);
        var table = await kubectl.OkAsync("get", "pod", "live", "-n", ns);
        Assert.Matches(@"live\s+\d/1\s+\S+\s+[1-9]", table);
        await client.CoreV1.DeleteNamespacedPodAsync("live", ns, cancellationToken: Ct);
    }

    private static bool ProcessGroupAlive(int pgid) =>
        Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(d => d!.All(char.IsDigit)).Any(d =>
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{d}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return fields[0] != "Z" && fields[2] == pgid.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                return false;
            }
        });

    private static int VethCount(string links) => links.Split('\n').Count(l => l.Contains("veth", StringComparison.Ordinal));

    private static async Task<string> NamespaceAsync(IKubernetes client, string prefix)
    {
        var ns = ServerFixture.UniqueName(prefix);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: Ct);
        return ns;
    }
}
