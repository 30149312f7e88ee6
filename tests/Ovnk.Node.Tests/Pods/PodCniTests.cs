using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Ovnk.Linux.Namespaces;
using Ovnk.Node.Tests.Cni;
using Ovnk.Node.Tests.Support;
using Ovnk.TestSupport;

namespace Ovnk.Node.Tests.Pods;

/// <summary>
/// Acceptance 3 and 4: the real plugin binary → CNI socket → <see cref="Node.Pods.PodCniHandler"/> against real
/// ovsdb-server, ovs-vswitchd (netdev), ovn-northd and ovn-controller; the test plays the controller (LSP + annotation).
/// </summary>
public sealed partial class PodCniTests(OvnNodeFixture fixture, LibcniHarness harness) : IClassFixture<OvnNodeFixture>, IClassFixture<LibcniHarness>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private NodeLab Lab => fixture.Lab;

    [Fact]
    public async Task Add_ThenDeleteTheNetns_DelTwice_BothSucceed_AndNothingIsLeft()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var agent = await NodeAgent.StartAsync(Lab.Options(), ct).WaitAsync(Bound, ct);
        var pod = await fixture.CreatePodAsync("gone-" + Lab.Suffix);
        var netns = await fixture.NewNetNsAsync();
        var cid = "a3" + Guid.NewGuid().ToString("N");
        var add = await fixture.CniAsync("ADD", cid, NetNs.PathOf(netns), pod, agent.Server.SocketPath);
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Equal(cid[..15], JsonDocument.Parse(add.Stdout).RootElement.GetProperty("interfaces")[0].GetProperty("name").GetString());
        Assert.NotEqual("", (await Lab.VsctlAsync("--bare", "--columns=name", "find", "Interface", $"external_ids:iface-id={pod.IfaceId}")).Trim());

        await Proc.OutputAsync("ip", "netns", "del", netns);
        for (var i = 0; i < 2; i++)
        {
            var del = await fixture.CniAsync("DEL", cid, NetNs.PathOf(netns), pod, agent.Server.SocketPath);
            Assert.True(del.ExitCode == 0, $"DEL #{i + 1}: {del}");
            Assert.Equal("", del.Stdout);
        }
        Assert.Equal("", (await Lab.VsctlAsync("--bare", "--columns=name", "find", "Interface", $"external_ids:iface-id={pod.IfaceId}")).Trim());
        Assert.Equal("", (await Lab.VsctlAsync("--bare", "--columns=name", "find", "Interface", $"external_ids:sandbox={cid}")).Trim());
        Assert.NotEqual(0, (await Proc.RunAsync("ip", ["-n", Lab.NodeNs, "link", "show", cid[..15]])).ExitCode);
    }

    [Fact]
    public async Task TwoPods_AreBoundAndInstalled_PingAndTcp_ReAddMovesTheIfaceId_DelClearsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var agent = await NodeAgent.StartAsync(Lab.Options(), ct).WaitAsync(Bound, ct);
        var socket = agent.Server.SocketPath;
        var a = await fixture.CreatePodAsync("a-" + Lab.Suffix);
        var b = await fixture.CreatePodAsync("b-" + Lab.Suffix);
        var nsA = await fixture.NewNetNsAsync();
        var nsB = await fixture.NewNetNsAsync();
        var cidA = "a4" + Guid.NewGuid().ToString("N");
        var cidB = "b4" + Guid.NewGuid().ToString("N");
        var addA = await fixture.CniAsync("ADD", cidA, NetNs.PathOf(nsA), a, socket);
        Assert.True(addA.ExitCode == 0, addA.ToString());
        var addB = await fixture.CniAsync("ADD", cidB, NetNs.PathOf(nsB), b, socket);
        Assert.True(addB.ExitCode == 0, addB.ToString());

        foreach (var (pod, cid) in new[] { (a, cidA), (b, cidB) })
        {
            Assert.Equal("true", (await Lab.VsctlAsync("get", "Interface", cid[..15], "external_ids:ovn-installed")).Trim().Trim('"'));
            Assert.Equal(pod.Uid, (await Lab.VsctlAsync("get", "Interface", cid[..15], "external_ids:iface-id-ver")).Trim().Trim('"'));
            Assert.Equal(cid, (await Lab.VsctlAsync("get", "Interface", cid[..15], "external_ids:sandbox")).Trim().Trim('"'));
            Assert.Equal(pod.Network.Mac.ToString(), (await Lab.VsctlAsync("get", "Interface", cid[..15], "external_ids:attached_mac")).Trim().Trim('"'));
            Assert.Equal($"{pod.Ip}/24", (await Lab.VsctlAsync("get", "Interface", cid[..15], "external_ids:ip_addresses")).Trim().Trim('"'));
            Assert.Equal(fixture.ChassisId, await PortBindingChassisAsync(pod));
            await WaitAsync(async () => (await Lab.SbctlAsync("--bare", "--columns=up", "find", "Port_Binding", $"logical_port={pod.IfaceId}")).Trim() == "true", "Port_Binding up=true");
        }
        var check = await fixture.CniAsync("CHECK", cidA, NetNs.PathOf(nsA), a, socket);
        Assert.True(check.ExitCode == 0, check.ToString());
        var ping = await Proc.RunAsync("ip", ["netns", "exec", nsA, "ping", "-c", "3", "-i", "0.2", "-W", "2", b.Ip], TimeSpan.FromSeconds(30));
        Assert.True(ping.ExitCode == 0, ping.ToString());
        await TcpAsync(nsA, nsB, b.Ip, ct);

        // A newer sandbox of pod a takes its iface-id; the old interface keeps its port but loses the binding key.
        var nsA2 = await fixture.NewNetNsAsync();
        var cidA2 = "a5" + Guid.NewGuid().ToString("N");
        var readd = await fixture.CniAsync("ADD", cidA2, NetNs.PathOf(nsA2), a, socket);
        Assert.True(readd.ExitCode == 0, readd.ToString());
        Assert.Equal(cidA2[..15], (await Lab.VsctlAsync("--bare", "--columns=name", "find", "Interface", $"external_ids:iface-id={a.IfaceId}")).Trim());
        var del = await fixture.CniAsync("DEL", cidA2, NetNs.PathOf(nsA2), a, socket);
        Assert.True(del.ExitCode == 0, del.ToString());
        Assert.Equal("", (await Lab.VsctlAsync("--bare", "--columns=name", "find", "Interface", $"external_ids:iface-id={a.IfaceId}")).Trim());
        Assert.True((await fixture.CniAsync("DEL", cidA, NetNs.PathOf(nsA), a, socket)).ExitCode == 0);
        Assert.True((await fixture.CniAsync("DEL", cidB, NetNs.PathOf(nsB), b, socket)).ExitCode == 0);
        Assert.Equal("", (await Lab.VsctlAsync("--bare", "--columns=name", "find", "Interface", $"external_ids:sandbox={cidA}")).Trim());
    }

    private async Task<string> PortBindingChassisAsync(TestPod pod)
    {
        var uuid = (await Lab.SbctlAsync("--bare", "--columns=chassis", "find", "Port_Binding", $"logical_port={pod.IfaceId}")).Trim();
        return (await Lab.SbctlAsync("--bare", "--columns=name", "list", "Chassis", uuid)).Trim();
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (deadline.IsCancellationRequested) Assert.Fail($"timed out waiting for {what}");
            await Task.Delay(100, CancellationToken.None);
        }
    }

    /// <summary>200 kB from a listener in pod b to a client in pod a (sockets created inside each pod netns).</summary>
    private static async Task TcpAsync(string clientNs, string serverNs, string serverIp, CancellationToken ct)
    {
        using var listener = NetNs.Run(NetNs.PathOf(serverNs), () =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            s.Bind(new IPEndPoint(IPAddress.Any, 5001));
            s.Listen();
            return s;
        });
        using var client = NetNs.Run(NetNs.PathOf(clientNs), () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        await client.ConnectAsync(new IPEndPoint(IPAddress.Parse(serverIp), 5001), ct).AsTask().WaitAsync(Bound, ct);
        using var server = await listener.AcceptAsync(ct).AsTask().WaitAsync(Bound, ct);
        var payload = new byte[200_000];
        Random.Shared.NextBytes(payload);
        var send = server.SendAsync(payload, ct).AsTask();
        var received = new byte[payload.Length];
        var read = 0;
        while (read < received.Length)
        {
            var n = await client.ReceiveAsync(received.AsMemory(read), ct).AsTask().WaitAsync(Bound, ct);
            Assert.True(n > 0, "the TCP connection closed early");
            read += n;
        }
        await send.WaitAsync(Bound, ct);
        Assert.Equal(payload, received);
    }
}
