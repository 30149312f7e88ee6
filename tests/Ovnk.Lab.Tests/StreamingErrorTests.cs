using System.Text;
using System.Text.Json.Nodes;
using k8s;
using Ovnk.Lab.Tests.Support;

namespace Ovnk.Lab.Tests;

/// <summary>
/// Exec and logs failures as kubectl prints them for a real cluster (upstream Status messages), discovery of the
/// pods/exec, pods/attach and pods/log subresources, and KubernetesClient's WebSocket exec (v4.channel.k8s.io).
/// </summary>
public sealed class StreamingErrorTests(StreamingFixture fixture) : IClassFixture<StreamingFixture>
{
    [Fact]
    public async Task Exec_NoSuchPod_IsNotFound()
    {
        var (ns, _) = await fixture.CreatePodAsync("nopod", ["main"]);
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var (exit, _, stderr) = await kubectl.RunAsync(["exec", "-n", ns, "ghost", "--", "true"]);
        Assert.Equal(1, exit);
        Assert.Equal("Error from server (NotFound): pods \"ghost\" not found\n", stderr);
    }

    [Fact]
    public async Task ExecAndLogs_UnknownContainer_AreBadRequestNamingIt()
    {
        var (ns, pod) = await fixture.CreatePodAsync("badc", ["main"]);
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var (exit, _, stderr) = await kubectl.RunAsync(["exec", "-n", ns, pod, "-c", "nope", "--", "true"]);
        Assert.Equal(1, exit);
        Assert.Contains($"container nope is not valid for pod {pod}", stderr, StringComparison.Ordinal);
        var (logExit, _, logErr) = await kubectl.RunAsync(["logs", "-n", ns, pod, "-c", "nope"]);
        Assert.Equal(1, logExit);
        Assert.Contains($"container nope is not valid for pod {pod}", logErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_MultiContainerPodWithoutContainer_ListsTheChoices()
    {
        var (ns, pod) = await fixture.CreatePodAsync("choose", ["a", "b"]);
        using var http = fixture.Server.Http();
        using var response = await http.GetAsync(new Uri($"/api/v1/namespaces/{ns}/pods/{pod}/log", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(400, (int)response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
        Assert.Equal("BadRequest", status["reason"]!.GetValue<string>());
        Assert.Equal($"a container name must be specified for pod {pod}, choose one of: [a b]", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Exec_NodeWithoutKubeletSocket_SaysWhatIsMissing()
    {
        var (ns, pod) = await fixture.CreatePodAsync("nokubelet", ["main"], node: fixture.NodeName + "-nokubelet");
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var (exit, _, stderr) = await kubectl.RunAsync(["exec", "-n", ns, pod, "--", "true"]);
        Assert.Equal(1, exit);
        Assert.Contains("has no kubelet streaming endpoint", stderr, StringComparison.Ordinal);
        Assert.Contains("lab.ovnk.io/kubelet-socket", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_PodWithoutNode_IsBadRequest()
    {
        var (ns, pod) = await fixture.CreatePodAsync("nonode", ["main"], node: "");
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var (exit, _, stderr) = await kubectl.RunAsync(["exec", "-n", ns, pod, "--", "true"]);
        Assert.Equal(1, exit);
        Assert.Contains($"pod {pod} does not have a host assigned", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_ContainerNeverStarted_IsKubeletsWaitingMessage()
    {
        var (ns, pod) = await fixture.CreatePodAsync("waiting", ["main"]);
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var (exit, _, stderr) = await kubectl.RunAsync(["logs", "-n", ns, pod]);
        Assert.Equal(1, exit);
        Assert.Equal($"Error from server (BadRequest): container \"main\" in pod \"{pod}\" is waiting to start: ContainerCreating\n", stderr);
    }

    [Fact]
    public async Task Exec_MissingCommand_FailsNamingIt()
    {
        var (ns, pod) = await fixture.CreatePodAsync("nocmd", ["main"]);
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var (exit, _, stderr) = await kubectl.RunAsync(["exec", "-n", ns, pod, "--", "no-such-command-ovnk"]);
        Assert.NotEqual(0, exit);
        Assert.Contains("\"no-such-command-ovnk\"", stderr, StringComparison.Ordinal);
        Assert.Contains("executable file not found in $PATH", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_ListsPodExecAttachAndLog()
    {
        using var http = fixture.Server.Http();
        var list = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/v1", UriKind.Relative), TestContext.Current.CancellationToken))!;
        var names = list["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "pods/exec", "pods/attach", "pods/log" }, names);
    }

    [Fact]
    public async Task KubernetesClient_NamespacedPodExec_ReturnsOutputAndExitCode()
    {
        var (ns, pod) = await fixture.CreatePodAsync("client", ["main"]);
        using var client = fixture.Server.Client();
        var stdout = new StringBuilder();
        var exit = await client.NamespacedPodExecAsync(pod, ns, "main", ["sh", "-c", "echo via-client; exit 2"], tty: false,
            async (stdin, output, error) =>
            {
                using var reader = new StreamReader(output);
                stdout.Append(await reader.ReadToEndAsync(TestContext.Current.CancellationToken));
            }, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(2, exit);
        Assert.Equal("via-client\n", stdout.ToString());
    }
}
