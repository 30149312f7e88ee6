using System.Text.Json;
using k8s.Models;
using Ovnk.Linux.Namespaces;
using Ovnk.Node.Cni;
using Ovnk.Node.Kube;
using Ovnk.Node.Ovs;
using Ovnk.Node.Pods;
using Ovnk.Node.Tests.Support;
using Ovnk.TestSupport;

namespace Ovnk.Node.Tests.Pods;

/// <summary>GC (CNI 1.1, both attachment keys) and STATUS (ready; code 50 once OVS is gone), through the real plugin.</summary>
public sealed partial class PodCniTests
{
    [Theory]
    [InlineData("cni.dev/valid-attachments")]
    [InlineData("cni.dev/attachments")]
    public async Task Gc_RemovesThePortsOfSandboxesNotListed_AndKeepsTheListedOnes(string key)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var agent = await NodeAgent.StartAsync(Lab.Options(), ct).WaitAsync(Bound, ct);
        var socket = agent.Server.SocketPath;
        var keep = await fixture.CreatePodAsync($"keep-{key.Length}-{Lab.Suffix}");
        var drop = await fixture.CreatePodAsync($"drop-{key.Length}-{Lab.Suffix}");
        var nsKeep = NetNs.PathOf(await fixture.NewNetNsAsync());
        var nsDrop = NetNs.PathOf(await fixture.NewNetNsAsync());
        var cidKeep = "gk" + Guid.NewGuid().ToString("N");
        var cidDrop = "gd" + Guid.NewGuid().ToString("N");
        Assert.Equal(0, (await fixture.CniAsync("ADD", cidKeep, nsKeep, keep, socket)).ExitCode);
        Assert.Equal(0, (await fixture.CniAsync("ADD", cidDrop, nsDrop, drop, socket)).ExitCode);

        var gc = await fixture.CniAsync("GC", cidKeep, nsKeep, keep, socket, "1.1.0", $",\"{key}\":[{{\"containerID\":\"{cidKeep}\",\"ifname\":\"eth0\"}}]");
        Assert.True(gc.ExitCode == 0, gc.ToString());
        Assert.Equal(cidKeep[..15], (await Lab.VsctlAsync("--bare", "--columns=name", "find", "Interface", $"external_ids:sandbox={cidKeep}")).Trim());
        Assert.Equal("", (await Lab.VsctlAsync("--bare", "--columns=name", "find", "Interface", $"external_ids:sandbox={cidDrop}")).Trim());
        Assert.NotEqual(0, (await Proc.RunAsync("ip", ["-n", Lab.NodeNs, "link", "show", cidDrop[..15]])).ExitCode);
        Assert.Equal(0, (await fixture.CniAsync("DEL", cidKeep, nsKeep, keep, socket)).ExitCode);
    }

    [Fact]
    public async Task Status_IsReadyWhileOvsAnswers_AndCode50OnceItsDatabaseIsGone()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = Lab.Options();
        await using (var agent = await NodeAgent.StartAsync(options, ct).WaitAsync(Bound, ct))
        {
            var pod = await fixture.CreatePodAsync("status-" + Lab.Suffix);
            var ready = await fixture.CniAsync("STATUS", "unused", "", pod, agent.Server.SocketPath, "1.1.0");
            Assert.True(ready.ExitCode == 0, ready.ToString());
        }

        // An agent whose Open_vSwitch database then dies.
        await using var spare = await OvsdbServer.StartAsync(OvsdbServer.VswitchSchema);
        await Proc.OutputAsync("ovs-vsctl", "--db=" + spare.UnixRemote, "--no-wait", "init");
        await using var db = await VswitchDb.ConnectAsync(spare.UnixRemote, ct);
        using var kube = Lab.Client();
        await using var pods = new WatchedStore<V1Pod, V1PodList>(KubeAdapters.PodsOnNode(kube, Lab.NodeName));
        await pods.StartAsync(ct).WaitAsync(Bound, ct);
        using var dir = new TempSocketDir();
        await using var server = await CniServer.StartAsync(dir.SocketPath, new PodCniHandler(options with { OvsDatabase = spare.UnixRemote }, db, pods, kube), ct);
        await spare.KillAsync();
        var pod2 = await fixture.CreatePodAsync("status2-" + Lab.Suffix);
        var notReady = await fixture.CniAsync("STATUS", "unused", "", pod2, dir.SocketPath, "1.1.0");
        Assert.NotEqual(0, notReady.ExitCode);
        var error = JsonDocument.Parse(notReady.Stdout).RootElement;
        Assert.Equal(50, error.GetProperty("code").GetInt32());
        Assert.Contains("Open_vSwitch database", error.GetProperty("msg").GetString(), StringComparison.Ordinal);
    }
}
