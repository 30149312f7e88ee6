using k8s;
using k8s.Models;
using Ovnk.Lab.Tests.Support;
using static Ovnk.Lab.Tests.KubectlWorkflowTests;

namespace Ovnk.Lab.Tests;

/// <summary>kubectl's typed generators (they send protobuf), describe, and pod/node tables.</summary>
public sealed class KubectlGeneratorTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task CreateGenerators_SendProtobuf_AndObjectsAreStoredWithDefaults()
    {
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var ns = ServerFixture.UniqueName("gen");
        Assert.Equal($"namespace/{ns} created\n", await kubectl.OkAsync("create", "ns", ns));
        Assert.Equal("configmap/c1 created\n", await kubectl.OkAsync("create", "cm", "c1", "-n", ns, "--from-literal=a=1", "--from-literal=b=2"));
        Assert.Equal("secret/s1 created\n", await kubectl.OkAsync("create", "secret", "generic", "s1", "-n", ns, "--from-literal=pw=x"));
        Assert.Equal("deployment.apps/busyb created\n",
            await kubectl.OkAsync("create", "deploy", "busyb", "-n", ns, "--image", "busybox", "--replicas=3", "--", "sleep", "infinity"));
        Assert.Equal("service/web created\n", await kubectl.OkAsync("create", "svc", "clusterip", "web", "-n", ns, "--tcp=80:8080"));

        Assert.Equal("2 eA==", await kubectl.OkAsync("get", "cm,secret", "-n", ns, "-o", "jsonpath={.items[0].data.b} {.items[1].data.pw}"));
        Assert.Equal("3 sleep,infinity Always", await kubectl.OkAsync("get", "deploy", "busyb", "-n", ns, "-o",
            "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].command[0]},{.spec.template.spec.containers[0].command[1]} {.spec.template.spec.containers[0].imagePullPolicy}"));
        Assert.Equal("8080", await kubectl.OkAsync("get", "svc", "web", "-n", ns, "-o", "jsonpath={.spec.ports[0].targetPort}"));

        var describe = await kubectl.OkAsync("describe", "deploy", "busyb", "-n", ns);
        Assert.Contains("Replicas:               3 desired | 0 updated | 0 total | 0 available | 0 unavailable", describe, StringComparison.Ordinal);
        Assert.Contains("RollingUpdateStrategy:  25% max unavailable, 25% max surge", describe, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateToken_ForAServiceAccount_AuthenticatesAsThatAccount()
    {
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var ns = ServerFixture.UniqueName("token");
        await kubectl.OkAsync("create", "ns", ns);
        await kubectl.OkAsync("create", "sa", "robot", "-n", ns);
        var token = (await kubectl.OkAsync("create", "token", "robot", "-n", ns, "--duration=1h")).Trim();
        Assert.StartsWith("ovnk-sa.", token, StringComparison.Ordinal);

        using var asRobot = fixture.Server.Http(token);
        using var ok = await asRobot.GetAsync(new Uri($"/api/v1/namespaces/{ns}/serviceaccounts", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, ok.StatusCode);
        using var forged = fixture.Server.Http(token[..^2] + (token[^2..] == "AA" ? "BB" : "AA"));
        using var rejected = await forged.GetAsync(new Uri("/api/v1/namespaces", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, rejected.StatusCode);
        var (exit, _, stderr) = await kubectl.RunAsync(["create", "token", "ghost", "-n", ns]);
        Assert.Equal(1, exit);
        Assert.Contains("serviceaccounts \"ghost\" not found", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPodsAndNodes_Wide_ShowStatusWrittenByAFakeKubelet()
    {
        var client = fixture.Server.Client();
        var ns = ServerFixture.UniqueName("tables");
        var cancel = TestContext.Current.CancellationToken;
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: cancel);
        var nodeName = ServerFixture.UniqueName("worker");
        await client.CoreV1.CreateNodeAsync(new V1Node
        {
            Metadata = new V1ObjectMeta { Name = nodeName, Labels = new Dictionary<string, string> { ["node-role.kubernetes.io/worker"] = "" } },
        }, cancellationToken: cancel);
        var node = await client.CoreV1.ReadNodeAsync(nodeName, cancellationToken: cancel);
        node.Status = new V1NodeStatus
        {
            Conditions = [new V1NodeCondition { Type = "Ready", Status = "True" }],
            Addresses = [new V1NodeAddress { Type = "InternalIP", Address = "172.18.0.3" }],
            NodeInfo = new V1NodeSystemInfo
            {
                KubeletVersion = "v1.32.4", OsImage = "Debian GNU/Linux 12 (bookworm)", KernelVersion = "6.1.0", ContainerRuntimeVersion = "ovnk://0.1",
                Architecture = "amd64", BootID = "b", MachineID = "m", OperatingSystem = "linux", SystemUUID = "s", KubeProxyVersion = "",
            },
        };
        await client.CoreV1.ReplaceNodeStatusAsync(node, nodeName, cancellationToken: cancel);
        await RunPodAsync(client, ns, nodeName, cancel);

        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var pods = Lines(await kubectl.OkAsync("get", "pods", "-n", ns, "-o", "wide"));
        Assert.Equal(["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED", "NODE", "READINESS", "GATES"], Words(pods[0]));
        var row = Words(pods[1]);
        Assert.Equal(["p", "1/1", "Running", "0"], row[..4]);
        Assert.Equal(["10.244.1.7", nodeName, "<none>", "<none>"], row[5..]);

        var nodes = Lines(await kubectl.OkAsync("get", "node", nodeName, "-o", "wide"));
        Assert.Equal(["NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"], Words(nodes[0]));
        Assert.Equal([nodeName, "Ready", "worker"], Words(nodes[1])[..3]);
        Assert.Equal(["v1.32.4", "172.18.0.3", "<none>", "Debian", "GNU/Linux", "12", "(bookworm)", "6.1.0", "ovnk://0.1"], Words(nodes[1])[4..]);
        Assert.Equal("p", await kubectl.OkAsync("get", "pods", "-A", "--field-selector", $"spec.nodeName={nodeName}", "-o", "jsonpath={.items[*].metadata.name}"));
    }

    /// <summary>Creates pod "p", binds it to <paramref name="nodeName"/> and reports it Running as a kubelet would.</summary>
    private static async Task RunPodAsync(Kubernetes client, string ns, string nodeName, CancellationToken cancel)
    {
        await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "p" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] },
        }, ns, cancellationToken: cancel);
        await client.CoreV1.CreateNamespacedPodBindingAsync(new V1Binding
        {
            Metadata = new V1ObjectMeta { Name = "p" },
            Target = new V1ObjectReference { Kind = "Node", Name = nodeName },
        }, "p", ns, cancellationToken: cancel);
        var pod = await client.CoreV1.ReadNamespacedPodAsync("p", ns, cancellationToken: cancel);
        pod.Status.Phase = "Running";
        pod.Status.PodIP = "10.244.1.7";
        pod.Status.ContainerStatuses = [new V1ContainerStatus { Name = "c", Image = "busybox", ImageID = "", Ready = true, RestartCount = 0 }];
        await client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, "p", ns, cancellationToken: cancel);
    }
}
