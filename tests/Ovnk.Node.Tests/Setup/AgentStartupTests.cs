using System.Net;
using System.Net.Sockets;
using Ovnk.Node.Setup;
using Ovnk.TestSupport;

namespace Ovnk.Node.Tests.Setup;

/// <summary>
/// A startup step that waits on a peer which accepts but never answers ends the agent with the step's name and the
/// fix, within <see cref="NodeOptions.StartupStageTimeout"/>, instead of a silent agent (the lab's "node never Ready").
/// </summary>
public sealed class AgentStartupTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task StartAsync_ApiServerAcceptsButNeverAnswers_FailsNamingTheListStep()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var ovs = await OvsdbServer.StartAsync(OvsdbServer.VswitchSchema);
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // the kernel completes the handshakes; nobody ever reads or answers
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var dir = new TempDirectory("ovnk-agentstartup");
        var kubeconfig = dir.File("kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: silent
              cluster: {server: "https://127.0.0.1:{{port}}", insecure-skip-tls-verify: true}
            users:
            - name: u
              user: {token: t}
            contexts:
            - name: c
              context: {cluster: silent, user: u}
            current-context: c
            """, ct);
        var options = new NodeOptions
        {
            NodeName = "silent-node", OvsDatabase = ovs.UnixRemote, OvnRemote = "unix:" + dir.File("no-sb.sock"), Kubeconfig = kubeconfig,
            Uplink = "eth0", CniConfDir = dir.File("net.d"), CniBinDir = dir.File("bin"), CniSocketPath = dir.File("cni.sock"),
            ClusterCidr = IPNetwork.Parse("10.244.0.0/16"), OvsRunDir = dir.Path, StartupStageTimeout = TimeSpan.FromSeconds(2),
        };

        var error = await Assert.ThrowsAsync<NodeSetupException>(() => NodeAgent.StartAsync(options, ct).WaitAsync(Bound, ct));

        Assert.Contains("list and watch Nodes", error.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("did not finish within 2 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("check that the API server runs", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(options.CniSocketPath)); // nothing served
    }
}
