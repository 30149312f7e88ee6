using Ovnk.Linux.Namespaces;
using Ovnk.Node.Tests.Support;
using Ovnk.TestSupport;

namespace Ovnk.Node.Tests.Pods;

/// <summary>
/// Acceptance 6: `ovnk node` runs as a child process; it is killed (SIGKILL, by pid) while an ADD waits for
/// ovn-installed (the LSP does not exist yet), restarted, and the runtime's retry of the same ADD succeeds with
/// exactly one port; a DEL then leaves nothing.
/// </summary>
public sealed class AgentRestartTests(OvnNodeFixture fixture) : IClassFixture<OvnNodeFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private NodeLab Lab => fixture.Lab;

    [Fact]
    public async Task KillingTheAgentMidAdd_ThenRestarting_TheRetrySucceeds_AndDelCleansEverything()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = Lab.Options();
        var pod = await fixture.CreatePodAsync("crash-" + Lab.Suffix, withLsp: false);
        var netns = NetNs.PathOf(await fixture.NewNetNsAsync());
        var cid = "a6" + Guid.NewGuid().ToString("N");

        var agent = await StartAgentAsync(options, ct);
        var add = fixture.CniAsync("ADD", cid, netns, pod, options.CniSocketPath);
        using (var deadline = new CancellationTokenSource(Bound))
        {
            // The ADD got as far as the OVS port; it now waits for a binding that cannot come (no LSP).
            while ((await Lab.VsctlAsync("--bare", "--columns=name", "find", "Interface", $"external_ids:sandbox={cid}")).Trim() == "")
                await Task.Delay(50, deadline.Token);
        }
        await agent.KillAsync();
        await agent.DisposeAsync();
        var failed = await add.WaitAsync(Bound, ct);
        Assert.NotEqual(0, failed.ExitCode);

        await using var restarted = await StartAgentAsync(options, ct);
        await pod.CreateLspAsync();
        var retry = await fixture.CniAsync("ADD", cid, netns, pod, options.CniSocketPath);
        Assert.True(retry.ExitCode == 0, retry.ToString());
        Assert.Equal(cid[..15], (await Lab.VsctlAsync("--bare", "--columns=name", "find", "Interface", $"external_ids:iface-id={pod.IfaceId}")).Trim());
        Assert.Equal(cid[..15], (await Lab.VsctlAsync("--bare", "--columns=name", "find", "Interface", $"external_ids:sandbox={cid}")).Trim());
        Assert.Equal("true", (await Lab.VsctlAsync("get", "Interface", cid[..15], "external_ids:ovn-installed")).Trim().Trim('"'));

        var del = await fixture.CniAsync("DEL", cid, netns, pod, options.CniSocketPath);
        Assert.True(del.ExitCode == 0, del.ToString());
        Assert.Equal("", (await Lab.VsctlAsync("--bare", "--columns=name", "find", "Interface", $"external_ids:sandbox={cid}")).Trim());
        Assert.Equal("", (await Lab.VsctlAsync("--bare", "--columns=name", "find", "Port", $"name={cid[..15]}")).Trim());
        Assert.NotEqual(0, (await TestSupport.Proc.RunAsync("ip", ["-n", Lab.NodeNs, "link", "show", cid[..15]])).ExitCode);
    }

    /// <summary>Starts `ovnk node` (the CLI built next to the tests) and waits for its CNI socket.</summary>
    private static async Task<Daemon> StartAgentAsync(NodeOptions o, CancellationToken ct)
    {
        string[] args =
        [
            "node", "--node-name", o.NodeName, "--ovs-db", o.OvsDatabase, "--ovn-remote", o.OvnRemote, "--kubeconfig", o.Kubeconfig!,
            "--netns", o.NetNsPath!, "--uplink", o.Uplink, "--cni-conf-dir", o.CniConfDir, "--cni-bin-dir", o.CniBinDir,
            "--cni-socket", o.CniSocketPath, "--cluster-cidr", o.ClusterCidr.ToString(),
            "--ovs-rundir", o.OvsRunDir, "--vswitchd-ctl", o.VswitchdControl!,
        ];
        if (File.Exists(o.CniSocketPath)) File.Delete(o.CniSocketPath); // the killed agent's socket file
        var agent = Daemon.Start(Path.Combine(AppContext.BaseDirectory, "ovnk"), args);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Bound);
        while (!File.Exists(o.CniSocketPath))
        {
            if (agent.HasExited) Assert.Fail("ovnk node exited during startup");
            await Task.Delay(50, deadline.Token);
        }
        return agent;
    }
}
