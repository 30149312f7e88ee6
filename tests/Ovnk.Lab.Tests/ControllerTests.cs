using Ovnk.Lab.Tests.Support;
using static Ovnk.Lab.Tests.KubectlWorkflowTests;

namespace Ovnk.Lab.Tests;

/// <summary>Scheduler and workload controllers driven by the real kubectl, with a fake kubelet marking pods Ready.</summary>
public sealed class ControllerTests : IAsyncLifetime
{
    private LabServer? _server;
    private FakeKubelet? _kubelet;

    private LabServer Server => _server!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        _server = await LabServer.StartAsync(controllers: true);
        _kubelet = await FakeKubelet.StartAsync(_server.Client(), "ovn-control-plane", ["ovn-worker", "ovn-worker2"], TestContext.Current.CancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_kubelet is not null)
        {
            await _kubelet.DisposeAsync();
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task CreateDeploy_RollsOut_PodsSpreadOnWorkers_RecreatedAfterForceDelete_ScaledDown()
    {
        using var kubectl = new Kubectl(Server.Kubeconfig);
        await kubectl.OkAsync("create", "deploy", "busyb", "--image", "busybox", "--replicas=3", "--", "sleep", "infinity");
        Assert.Equal("deployment \"busyb\" successfully rolled out\n", await RolloutStatusAsync(kubectl));

        var pods = await PodsAsync(kubectl);
        Assert.Equal(3, pods.Count);
        Assert.All(pods, p => Assert.Equal("Running", p[2]));
        Assert.DoesNotContain(pods, p => p[6] == "ovn-control-plane");
        Assert.Equal(2, pods.Select(p => p[6]).Distinct().Count());

        await kubectl.OkAsync("delete", "pod", "-l", "app=busyb", "--grace-period=0", "--force");
        var replaced = await WaitAsync(kubectl, p => p.Count == 3 && p.All(r => r[2] == "Running"));
        Assert.Empty(replaced.Select(r => r[0]).Intersect(pods.Select(r => r[0])));

        await kubectl.OkAsync("scale", "deploy", "busyb", "--replicas=1");
        await WaitAsync(kubectl, p => p.Count == 1);
        Assert.Equal("1/1", Words(Lines(await kubectl.OkAsync("get", "deploy", "busyb"))[1])[1]);
    }

    [Fact]
    public async Task SetImage_RollsOutANewReplicaSetAndRetiresTheOld()
    {
        using var kubectl = new Kubectl(Server.Kubeconfig);
        await kubectl.OkAsync("create", "deploy", "busyb", "--image", "busybox:1.36", "--replicas=2");
        await RolloutStatusAsync(kubectl);
        await kubectl.OkAsync("set", "image", "deploy/busyb", "busybox=busybox:1.37");
        Assert.Equal("deployment \"busyb\" successfully rolled out\n", await RolloutStatusAsync(kubectl));
        var replicaSets = Lines(await kubectl.OkAsync("get", "rs", "-o", "wide")).Skip(1).Select(Words).ToList();
        Assert.Equal(2, replicaSets.Count);
        Assert.Contains(replicaSets, r => r[1] == "2" && r[6] == "busybox:1.37");
        Assert.Contains(replicaSets, r => r[1] == "0" && r[6] == "busybox:1.36");
    }

    [Fact]
    public async Task DaemonSet_PutsOnePodOnEachUntaintedNode()
    {
        using var kubectl = new Kubectl(Server.Kubeconfig);
        var (exit, _, err) = await kubectl.RunAsync(["apply", "-f", "-"], """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec:
                  containers: [{name: agent, image: busybox}]
            """);
        Assert.True(exit == 0, err);
        var (rollExit, rolled, rollErr) = await kubectl.RunAsync(["rollout", "status", "ds/agent", "--timeout=60s"], timeoutSeconds: 90);
        Assert.True(rollExit == 0, rollErr);
        Assert.EndsWith("daemon set \"agent\" successfully rolled out\n", rolled, StringComparison.Ordinal);
        var row = Words(Lines(await kubectl.OkAsync("get", "ds", "agent"))[1]);
        Assert.Equal(["agent", "2", "2", "2", "2", "2", "<none>"], row[..7]);
        Assert.Equal(["ovn-worker", "ovn-worker2"], (await PodsAsync(kubectl, "app=agent")).Select(p => p[6]).Order());
    }

    [Fact]
    public async Task Service_GetsEndpointSliceAndEndpointsOfReadyPods_AndNamespacesGetDefaultServiceAccount()
    {
        using var kubectl = new Kubectl(Server.Kubeconfig);
        await kubectl.OkAsync("create", "deploy", "busyb", "--image", "busybox", "--replicas=2", "--port=8080");
        await kubectl.OkAsync("create", "svc", "clusterip", "busyb", "--tcp=80:8080");
        await RolloutStatusAsync(kubectl);
        for (var i = 0; i < 100 && (await kubectl.OkAsync("get", "endpointslices", "-l", "kubernetes.io/service-name=busyb", "-o",
            "jsonpath={.items[0].endpoints[*].addresses[0]}")).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 2; i++)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        var podIps = (await kubectl.OkAsync("get", "pods", "-l", "app=busyb", "-o", "jsonpath={.items[*].status.podIP}")).Split(' ').Order().ToList();
        var sliceIps = (await kubectl.OkAsync("get", "endpointslices", "-l", "kubernetes.io/service-name=busyb", "-o",
            "jsonpath={.items[0].endpoints[*].addresses[0]}")).Split(' ').Order().ToList();
        Assert.Equal(podIps, sliceIps);
        Assert.Equal("8080", await kubectl.OkAsync("get", "endpointslices", "-l", "kubernetes.io/service-name=busyb", "-o", "jsonpath={.items[0].ports[0].port}"));
        var ep = Words(Lines(await kubectl.OkAsync("get", "endpoints", "busyb"))[1]);
        Assert.Equal(string.Join(',', podIps.Select(ip => ip + ":8080")), string.Join(',', ep[1].Split(',').Order()));
        Assert.Equal("default", await kubectl.OkAsync("get", "sa", "default", "-o", "jsonpath={.metadata.name}"));
    }

    [Fact]
    public async Task WaitForCondition_ThenCascadingDelete_RemovesReplicaSetsAndPods()
    {
        using var kubectl = new Kubectl(Server.Kubeconfig);
        await kubectl.OkAsync("create", "deploy", "busyb", "--image", "busybox", "--replicas=2");
        var (exit, stdout, stderr) = await kubectl.RunAsync(["wait", "--for=condition=available", "deploy/busyb", "--timeout=60s"], timeoutSeconds: 90);
        Assert.True(exit == 0, stderr);
        Assert.Equal("deployment.apps/busyb condition met\n", stdout);
        Assert.Equal("deployment.apps \"busyb\" deleted\n", await kubectl.OkAsync("delete", "deploy", "busyb"));
        // As on a real cluster, the pods are Terminating until their kubelet (here the fake one) finishes them.
        var left = await kubectl.OkAsync("get", "rs,pods", "-o", "name");
        for (var i = 0; i < 150 && left.Length > 0; i++)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            left = await kubectl.OkAsync("get", "rs,pods", "-o", "name");
        }
        Assert.Equal("", left);
    }

    [Fact]
    public async Task Edit_WithKubeEditor_PatchesTheObject_AndExplainDescribesFields()
    {
        using var kubectl = new Kubectl(Server.Kubeconfig);
        await kubectl.OkAsync("create", "cm", "settings", "--from-literal=mode=fast");
        var editor = Path.Combine(Server.Directory, "editor.sh");
        await File.WriteAllTextAsync(editor, "#!/bin/sh\nsed -i 's/mode: fast/mode: slow/' \"$1\"\n", TestContext.Current.CancellationToken);
        kubectl.Environment["KUBE_EDITOR"] = "sh " + editor;
        Assert.Equal("configmap/settings edited\n", await kubectl.OkAsync("edit", "cm", "settings"));
        Assert.Equal("slow", await kubectl.OkAsync("get", "cm", "settings", "-o", "jsonpath={.data.mode}"));
        var explain = await kubectl.OkAsync("explain", "deployment.spec.replicas");
        Assert.Contains("KIND:       Deployment", explain, StringComparison.Ordinal);
        Assert.Contains("FIELD: replicas <integer>", explain, StringComparison.Ordinal);
        Assert.Contains("Number of desired pods.", explain, StringComparison.Ordinal); // the upstream description
        var pod = await kubectl.OkAsync("explain", "pods");
        Assert.Contains("Pod is a collection of containers that can run on a host.", pod, StringComparison.Ordinal);
        var nodeName = await kubectl.OkAsync("explain", "pod.spec.nodeName");
        Assert.Contains("NodeName indicates in which node this pod is scheduled.", nodeName, StringComparison.Ordinal);
        var spec = await kubectl.OkAsync("explain", "pod.spec");
        Assert.Contains("Specification of the desired behavior of the pod.", spec, StringComparison.Ordinal); // a $ref field
    }

    private static async Task<string> RolloutStatusAsync(Kubectl kubectl)
    {
        var (exit, stdout, stderr) = await kubectl.RunAsync(["rollout", "status", "deploy/busyb", "--timeout=60s"], timeoutSeconds: 90);
        Assert.True(exit == 0, stderr + stdout);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1] + "\n";
    }

    private static async Task<List<string[]>> PodsAsync(Kubectl kubectl, string selector = "app=busyb") =>
        [.. Lines(await kubectl.OkAsync("get", "pods", "-l", selector, "-o", "wide")).Skip(1).Select(Words)];

    private static async Task<List<string[]>> WaitAsync(Kubectl kubectl, Func<List<string[]>, bool> done)
    {
        for (var i = 0; i < 150; i++)
        {
            var pods = await PodsAsync(kubectl);
            if (done(pods))
            {
                return pods;
            }
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException("pods did not reach the expected state in 30 s");
    }
}
