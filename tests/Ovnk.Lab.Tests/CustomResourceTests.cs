using Ovnk.Lab.Tests.Support;
using static Ovnk.Lab.Tests.KubectlWorkflowTests;

namespace Ovnk.Lab.Tests;

/// <summary>CRDs through kubectl: the defined resource is served, listed and validated against its schema.</summary>
public sealed class CustomResourceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    required: [size]
                    properties:
                      size: {type: integer, minimum: 1}
                      colour: {type: string, enum: [red, blue]}
        """;

    [Fact]
    public async Task Crd_InstancesAreServedAndSchemaViolationsAre422()
    {
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        Assert.Equal("customresourcedefinition.apiextensions.k8s.io/widgets.example.com created\n",
            (await kubectl.RunAsync(["apply", "-f", "-"], Crd)).Out);
        await kubectl.OkAsync("wait", "--for=condition=established", "crd/widgets.example.com", "--timeout=20s");
        var ns = ServerFixture.UniqueName("crd");
        await kubectl.OkAsync("create", "ns", ns);

        var (exit, stdout, stderr) = await kubectl.RunAsync(["apply", "-f", "-"],
            $"apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\n  namespace: {ns}\nspec:\n  size: 3\n  colour: red\n");
        Assert.True(exit == 0, stderr);
        Assert.Equal("widget.example.com/w1 created\n", stdout);
        Assert.Equal(["NAME", "AGE"], Words(Lines(await kubectl.OkAsync("get", "wd", "-n", ns))[0]));
        Assert.Equal("3", await kubectl.OkAsync("get", "widget", "w1", "-n", ns, "-o", "jsonpath={.spec.size}"));
        (exit, stdout, stderr) = await kubectl.RunAsync(["apply", "-f", "-"],
            $"apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\n  namespace: {ns}\nspec:\n  size: 5\n  colour: blue\n");
        Assert.True(exit == 0, stderr);
        Assert.Equal("widget.example.com/w1 configured\n", stdout); // a JSON merge patch: custom resources have no strategies
        Assert.Equal("5 blue", await kubectl.OkAsync("get", "widget", "w1", "-n", ns, "-o", "jsonpath={.spec.size} {.spec.colour}"));

        (exit, _, stderr) = await kubectl.RunAsync(["apply", "-f", "-"],
            $"apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w2\n  namespace: {ns}\nspec:\n  size: 0\n  colour: green\n  extra: 1\n");
        Assert.Equal(1, exit);
        Assert.StartsWith("The Widget \"w2\" is invalid: \n", stderr, StringComparison.Ordinal);
        Assert.Contains("* spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1\n", stderr, StringComparison.Ordinal);
        Assert.Contains("* spec.colour: Unsupported value: \"green\": supported values: \"red\", \"blue\"\n", stderr, StringComparison.Ordinal);
        Assert.Contains("* spec.extra: unknown field \"spec.extra\"", stderr, StringComparison.Ordinal);
        var (getExit, _, _) = await kubectl.RunAsync(["get", "widget", "w2", "-n", ns]);
        Assert.Equal(1, getExit);
    }

    [Fact]
    public async Task Crd_PrinterColumns_ShapeKubectlGet()
    {
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        await kubectl.RunAsync(["apply", "-f", "-"], """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: gadgets.example.com}
            spec:
              group: example.com
              scope: Cluster
              names: {plural: gadgets, singular: gadget, kind: Gadget}
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
                additionalPrinterColumns:
                - {name: EgressIPs, type: string, jsonPath: ".spec.egressIPs[*]"}
                - {name: Assigned Node, type: string, jsonPath: ".status.items[*].node"}
                - {name: Ready, type: string, jsonPath: ".status.conditions[?(@.type==\"Ready\")].status"}
                - {name: Size, type: integer, jsonPath: .spec.size, priority: 1}
                - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
            """);
        await kubectl.OkAsync("wait", "--for=condition=established", "crd/gadgets.example.com", "--timeout=20s");
        await kubectl.RunAsync(["apply", "-f", "-"], """
            apiVersion: example.com/v1
            kind: Gadget
            metadata: {name: g1}
            spec: {egressIPs: [172.18.0.33, 172.18.0.34], size: 4}
            status:
              items: [{node: ovn-worker, egressIP: 172.18.0.33}]
              conditions: [{type: Synced, status: "False"}, {type: Ready, status: "True"}]
            """);

        var table = Lines(await kubectl.OkAsync("get", "gadgets"));
        Assert.Equal(["NAME", "EGRESSIPS", "ASSIGNED", "NODE", "READY", "AGE"], Words(table[0]));
        Assert.Equal(["g1", "172.18.0.33", "ovn-worker", "True"], Words(table[1])[..4]);
        var wide = Lines(await kubectl.OkAsync("get", "gadgets", "-o", "wide"));
        Assert.Contains("SIZE", Words(wide[0]));
        Assert.Equal("4", Words(wide[1])[4]);
        Assert.Equal(["NAME", "CREATED", "AT"], Words(Lines(await kubectl.OkAsync("get", "crd", "gadgets.example.com"))[0]));
    }
}
