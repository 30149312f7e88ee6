using System.Text.Json.Nodes;
using Ovnk.Lab.Tests.Support;

namespace Ovnk.Lab.Tests;

/// <summary>The real kubectl against the lab server: what it prints must match a real cluster's shapes.</summary>
public sealed class KubectlWorkflowTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static string Manifest(string ns, int replicas) => $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {ns}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: {ns}
          labels: {"{"}app: web{"}"}
        spec:
          replicas: {replicas}
          selector:
            matchLabels: {"{"}app: web{"}"}
          template:
            metadata:
              labels: {"{"}app: web{"}"}
            spec:
              containers:
              - name: web
                image: nginx:1.27
                ports:
                - containerPort: 80
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: {ns}
        spec:
          selector: {"{"}app: web{"}"}
          ports:
          - port: 80
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: {ns}
        data:
          mode: fast
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: deny-all
          namespace: {ns}
        spec:
          podSelector: {"{"}{"}"}
          policyTypes: [Ingress]
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: agent
          namespace: {ns}
        spec:
          selector:
            matchLabels: {"{"}app: agent{"}"}
          template:
            metadata:
              labels: {"{"}app: agent{"}"}
            spec:
              tolerations: [{"{"}operator: Exists{"}"}]
              containers: [{"{"}name: agent, image: busybox{"}"}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: "system:{ns}:reader"
        rules:
        - apiGroups: [""]
          resources: [pods]
          verbs: [get, list, watch]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: read-pods
          namespace: {ns}
        roleRef: {"{"}apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:{ns}:reader"{"}"}
        subjects: [{"{"}kind: ServiceAccount, name: default, namespace: {ns}{"}"}]
        """;

    [Fact]
    public async Task Apply_MultiDocumentYaml_CreatesEveryObjectAndReapplyPatches()
    {
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var ns = ServerFixture.UniqueName("apply");
        var (exit, stdout, stderr) = await kubectl.RunAsync(["apply", "-f", "-"], Manifest(ns, 2));
        Assert.True(exit == 0, stderr);
        Assert.Equal(
            [$"namespace/{ns} created", "deployment.apps/web created", "service/web created", "configmap/settings created",
             "networkpolicy.networking.k8s.io/deny-all created", "daemonset.apps/agent created",
             $"clusterrole.rbac.authorization.k8s.io/system:{ns}:reader created", "rolebinding.rbac.authorization.k8s.io/read-pods created"],
            stdout.Trim().Split('\n'));

        (exit, stdout, stderr) = await kubectl.RunAsync(["apply", "-f", "-"], Manifest(ns, 3));
        Assert.True(exit == 0, stderr);
        Assert.Contains("deployment.apps/web configured", stdout, StringComparison.Ordinal);
        Assert.Contains("configmap/settings unchanged", stdout, StringComparison.Ordinal);
        Assert.Equal("3 2", await kubectl.OkAsync("get", "deploy", "web", "-n", ns, "-o", "jsonpath={.spec.replicas} {.metadata.generation}"));
    }

    [Fact]
    public async Task ServerSideApply_CreatesThenUpdates()
    {
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var ns = ServerFixture.UniqueName("ssa");
        await kubectl.OkAsync("create", "ns", ns);
        var manifest = $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: s\n  namespace: {ns}\ndata:\n  a: \"1\"\n";
        var (exit, stdout, stderr) = await kubectl.RunAsync(["apply", "--server-side", "-f", "-"], manifest);
        Assert.True(exit == 0, stderr);
        Assert.Equal("configmap/s serverside-applied\n", stdout);
        (exit, stdout, stderr) = await kubectl.RunAsync(["apply", "--server-side", "-f", "-"], manifest.Replace("\"1\"", "\"2\"", StringComparison.Ordinal));
        Assert.True(exit == 0, stderr);
        Assert.Equal("configmap/s serverside-applied\n", stdout);
        Assert.Equal("2", await kubectl.OkAsync("get", "cm", "s", "-n", ns, "-o", "jsonpath={.data.a}"));
    }

    [Fact]
    public async Task GetWide_PrintsUpstreamColumns()
    {
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var ns = ServerFixture.UniqueName("wide");
        await kubectl.RunAsync(["apply", "-f", "-"], Manifest(ns, 2));

        var deploy = Lines(await kubectl.OkAsync("get", "deploy", "-n", ns, "-o", "wide"));
        Assert.Equal(["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"], Words(deploy[0]));
        Assert.Equal(["web", "0/2", "0", "0"], Words(deploy[1])[..4]);
        Assert.Equal(["web", "nginx:1.27", "app=web"], Words(deploy[1])[5..]);

        var svc = Lines(await kubectl.OkAsync("get", "svc", "web", "-n", ns, "-o", "wide"));
        Assert.Equal(["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "SELECTOR"], Words(svc[0]));
        var row = Words(svc[1]);
        Assert.Equal("ClusterIP", row[1]);
        Assert.StartsWith("10.96.", row[2], StringComparison.Ordinal);
        Assert.Equal(["<none>", "80/TCP"], row[3..5]);

        var nsRow = Words(Lines(await kubectl.OkAsync("get", "ns", ns))[1]);
        Assert.Equal([ns, "Active"], nsRow[..2]);
    }

    [Fact]
    public async Task GetOutputFormats_YamlJsonJsonpathCustomColumns()
    {
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var ns = ServerFixture.UniqueName("formats");
        await kubectl.RunAsync(["apply", "-f", "-"], Manifest(ns, 1));

        var json = JsonNode.Parse(await kubectl.OkAsync("get", "cm", "settings", "-n", ns, "-o", "json"))!;
        Assert.Equal("ConfigMap", json["kind"]!.GetValue<string>());
        Assert.Equal("fast", json["data"]!["mode"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(json["metadata"]!["uid"]!.GetValue<string>()));

        var yaml = await kubectl.OkAsync("get", "deploy", "web", "-n", ns, "-o", "yaml");
        Assert.Contains("kind: Deployment", yaml, StringComparison.Ordinal);
        Assert.Contains("  replicas: 1", yaml, StringComparison.Ordinal);
        Assert.Contains("kubectl.kubernetes.io/last-applied-configuration", yaml, StringComparison.Ordinal);

        Assert.Equal("nginx:1.27", await kubectl.OkAsync("get", "deploy", "web", "-n", ns, "-o", "jsonpath={.spec.template.spec.containers[0].image}"));
        var custom = Lines(await kubectl.OkAsync("get", "deploy", "-n", ns, "-o", "custom-columns=N:.metadata.name,R:.spec.replicas"));
        Assert.Equal(["N", "R"], Words(custom[0]));
        Assert.Equal(["web", "1"], Words(custom[1]));
    }

    [Fact]
    public async Task LabelAnnotateScaleSetImage_ChangeTheStoredObject()
    {
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var ns = ServerFixture.UniqueName("label");
        await kubectl.RunAsync(["apply", "-f", "-"], Manifest(ns, 1));

        Assert.Equal("deployment.apps/web labeled\n", await kubectl.OkAsync("label", "deploy", "web", "-n", ns, "tier=frontend"));
        Assert.Equal("deployment.apps/web annotated\n", await kubectl.OkAsync("annotate", "deploy", "web", "-n", ns, "owner=team-a"));
        Assert.Equal("deployment.apps/web scaled\n", await kubectl.OkAsync("scale", "deploy", "web", "-n", ns, "--replicas=4"));
        Assert.Equal("deployment.apps/web image updated\n", await kubectl.OkAsync("set", "image", "deploy/web", "-n", ns, "web=nginx:1.28"));

        var shown = Lines(await kubectl.OkAsync("get", "deploy", "web", "-n", ns, "--show-labels"));
        Assert.Equal("app=web,tier=frontend", Words(shown[1])[^1]);
        Assert.Equal("team-a 4 nginx:1.28", await kubectl.OkAsync("get", "deploy", "web", "-n", ns, "-o",
            "jsonpath={.metadata.annotations.owner} {.spec.replicas} {.spec.template.spec.containers[0].image}"));
        Assert.Equal("web", await kubectl.OkAsync("get", "deploy", "-n", ns, "-l", "tier=frontend", "-o", "jsonpath={.items[*].metadata.name}"));
        Assert.Equal("", await kubectl.OkAsync("get", "deploy", "-n", ns, "-l", "tier=backend", "-o", "jsonpath={.items[*].metadata.name}"));
    }

    [Fact]
    public async Task Delete_RemovesTheObjectAndGetThenSaysNotFound()
    {
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var ns = ServerFixture.UniqueName("delete");
        await kubectl.RunAsync(["apply", "-f", "-"], Manifest(ns, 1));

        Assert.Equal("configmap \"settings\" deleted\n", await kubectl.OkAsync("delete", "cm", "settings", "-n", ns));
        var (exit, _, stderr) = await kubectl.RunAsync(["get", "cm", "settings", "-n", ns]);
        Assert.Equal(1, exit);
        Assert.Equal("Error from server (NotFound): configmaps \"settings\" not found\n", stderr);

        Assert.Equal($"namespace \"{ns}\" deleted\n", await kubectl.OkAsync("delete", "ns", ns));
        var (_, left, _) = await kubectl.RunAsync(["get", "deploy,svc,cm", "-n", ns, "-o", "name"]);
        Assert.Equal("", left);
    }

    [Fact]
    public async Task GetWatch_PrintsRowsForNewObjects()
    {
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var ns = ServerFixture.UniqueName("watch");
        var (exit, _, err) = await kubectl.RunAsync(["apply", "-f", "-"],
            $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\n  namespace: {ns}\n");
        Assert.True(exit == 0, err);
        using var watch = kubectl.Start(["get", "cm", "-n", ns, "-w"]);
        try
        {
            Assert.Equal(["NAME", "DATA", "AGE"], Words(await ReadLineAsync(watch, TimeSpan.FromSeconds(20))));
            Assert.Equal(["first", "0"], Words(await ReadLineAsync(watch, TimeSpan.FromSeconds(20)))[..2]);
            (exit, _, err) = await kubectl.RunAsync(["apply", "-f", "-"],
                $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: seen\n  namespace: {ns}\ndata:\n  a: b\n");
            Assert.True(exit == 0, err);
            Assert.Equal(["seen", "1"], Words(await ReadLineAsync(watch, TimeSpan.FromSeconds(20)))[..2]);
            await kubectl.OkAsync("delete", "cm", "first", "-n", ns);
            Assert.Equal(["first", "0"], Words(await ReadLineAsync(watch, TimeSpan.FromSeconds(20)))[..2]);
        }
        finally
        {
            watch.Kill(entireProcessTree: true);
        }
    }

    private static async Task<string> ReadLineAsync(System.Diagnostics.Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return await process.StandardOutput.ReadLineAsync(cts.Token) ?? throw new InvalidOperationException("kubectl get -w ended early");
    }

    internal static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    internal static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
