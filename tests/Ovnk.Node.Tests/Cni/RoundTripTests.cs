using System.Text;
using Ovnk.Cni;
using Ovnk.Cni.Protocol;
using Ovnk.Node.Cni;

namespace Ovnk.Node.Tests.Cni;

/// <summary>Plugin → socket → <see cref="CniServer"/> → handler → plugin output, in-process and with the AOT binary.</summary>
public sealed class RoundTripTests
{
    public static string PluginPath { get; } = Path.Combine(AppContext.BaseDirectory, "cni-plugin", "ovn-k8s-cni-overlay");

    private const string ContainerId = "0123456789abcdef0123";

    public static Dictionary<string, string> Env(string command, string socket) => new()
    {
        ["CNI_COMMAND"] = command,
        ["CNI_CONTAINERID"] = ContainerId,
        ["CNI_NETNS"] = "/run/netns/ovnk-roundtrip",
        ["CNI_IFNAME"] = "eth0",
        ["CNI_PATH"] = "/opt/cni/bin",
        ["CNI_ARGS"] = "IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=web-0;K8S_POD_UID=5f1c",
        [CniSocket.PathVariable] = socket,
    };

    public static string Config(string version, string extra = "") =>
        $$"""{"cniVersion":"{{version}}","name":"ovn-kubernetes","type":"ovn-k8s-cni-overlay"{{extra}}}""";

    private static async Task<(int Exit, string Stdout)> RunInProcessAsync(Dictionary<string, string> env, string stdin)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(stdin));
        using var output = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var exit = await new CniDispatcher(n => env.GetValueOrDefault(n), input, output, TextWriter.Null).RunAsync(timeout.Token);
        return (exit, Encoding.UTF8.GetString(output.ToArray()));
    }

    private static async Task<CniServer> StartAsync(TempSocketDir dir, ICniHandler handler) =>
        await CniServer.StartAsync(dir.SocketPath, handler, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

    [Theory]
    [InlineData("0.3.0")]
    [InlineData("0.3.1")]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    [InlineData("1.1.0")]
    public async Task Add_prints_the_agent_result_in_the_requested_version(string version)
    {
        using var dir = new TempSocketDir();
        var handler = new RecordingCniHandler();
        await using var server = await StartAsync(dir, handler);
        var (exit, stdout) = await RunInProcessAsync(Env("ADD", dir.SocketPath), Config(version));
        Assert.True(exit == 0, stdout);
        var result = System.Text.Json.JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(version, result.GetProperty("cniVersion").GetString());
        var interfaces = result.GetProperty("interfaces");
        Assert.Equal("0123456789abcde", interfaces[0].GetProperty("name").GetString());
        Assert.Equal("/run/netns/ovnk-roundtrip", interfaces[1].GetProperty("sandbox").GetString());
        var ip = result.GetProperty("ips")[0];
        Assert.Equal(1, ip.GetProperty("interface").GetInt32());
        Assert.Equal(CniVersions.AtLeast(version, "1.0.0"), !ip.TryGetProperty("version", out _));
        Assert.Equal(version == "1.1.0", interfaces[1].TryGetProperty("mtu", out _));
        var seen = Assert.Single(handler.Requests);
        Assert.Equal(new CniPodArgs("default", "web-0", "5f1c"), seen.Pod);
        Assert.Equal((ContainerId, "eth0", version), (seen.ContainerId, seen.IfName, seen.CniVersion));
    }

    [Theory]
    [InlineData("DEL", "0.3.1")]
    [InlineData("DEL", "1.1.0")]
    [InlineData("CHECK", "0.4.0")]
    [InlineData("CHECK", "1.0.0")]
    [InlineData("GC", "1.1.0")]
    [InlineData("STATUS", "1.1.0")]
    public async Task Other_commands_succeed_silently(string command, string version)
    {
        using var dir = new TempSocketDir();
        var handler = new RecordingCniHandler();
        await using var server = await StartAsync(dir, handler);
        var (exit, stdout) = await RunInProcessAsync(Env(command, dir.SocketPath), Config(version));
        Assert.True(exit == 0, stdout);
        Assert.Equal("", stdout);
        Assert.Equal(command, CniCommandNames.ToWire(Assert.Single(handler.Requests).Command));
    }

    [Theory]
    [InlineData("the 1.1.0 key", "cni.dev/valid-attachments")]
    [InlineData("the spec-v1.1.0 tag's key", "cni.dev/attachments")]
    public async Task Gc_hands_the_valid_attachments_to_the_handler(string name, string key)
    {
        using var dir = new TempSocketDir();
        var handler = new RecordingCniHandler();
        await using var server = await StartAsync(dir, handler);
        var extra = $$""","{{key}}":[{"containerID":"c1","ifname":"eth0"},{"containerID":"c2","ifname":"net1"}]""";
        var (exit, stdout) = await RunInProcessAsync(Env("GC", dir.SocketPath), Config("1.1.0", extra));
        Assert.True(exit == 0, $"{name}: {stdout}");
        Assert.Equal([new CniAttachment("c1", "eth0"), new CniAttachment("c2", "net1")], Assert.Single(handler.Requests).ValidAttachments);
    }

    [Theory]
    [InlineData("STATUS", CniErrorCode.PluginNotAvailableLimitedConnectivity)]
    [InlineData("STATUS", CniErrorCode.PluginNotAvailable)]
    [InlineData("ADD", CniErrorCode.TryAgainLater)]
    [InlineData("DEL", CniErrorCode.UnknownContainer)]
    public async Task Handler_errors_reach_the_runtime_with_their_code(string command, CniErrorCode code)
    {
        using var dir = new TempSocketDir();
        var handler = new RecordingCniHandler { Failure = new CniRequestException(new(code, "not ready: OVS unreachable", "start ovs-vswitchd")) };
        await using var server = await StartAsync(dir, handler);
        var (exit, stdout) = await RunInProcessAsync(Env(command, dir.SocketPath), Config("1.1.0"));
        Assert.Equal(1, exit);
        var error = System.Text.Json.JsonDocument.Parse(stdout).RootElement;
        Assert.Equal((int)code, error.GetProperty("code").GetInt32());
        Assert.Equal("not ready: OVS unreachable", error.GetProperty("msg").GetString());
        Assert.Equal("start ovs-vswitchd", error.GetProperty("details").GetString());
    }

    [Fact]
    public async Task Handler_crash_becomes_code_999_with_the_message()
    {
        using var dir = new TempSocketDir();
        var handler = new RecordingCniHandler { Failure = new InvalidOperationException("boom in the agent") };
        await using var server = await StartAsync(dir, handler);
        var (exit, stdout) = await RunInProcessAsync(Env("ADD", dir.SocketPath), Config("1.0.0"));
        Assert.Equal(1, exit);
        Assert.Contains("\"code\":999", stdout, StringComparison.Ordinal);
        Assert.Contains("boom in the agent", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_is_answered_by_the_plugin_without_reaching_a_running_agent()
    {
        using var dir = new TempSocketDir();
        var handler = new RecordingCniHandler();
        await using var server = await StartAsync(dir, handler);
        var env = Env("ADD", dir.SocketPath);
        env["CNI_IFNAME"] = "eth/0";
        var (exit, stdout) = await RunInProcessAsync(env, Config("1.0.0"));
        Assert.Equal(1, exit);
        Assert.Contains("\"code\":4", stdout, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("0.3.1")]
    [InlineData("1.1.0")]
    public async Task Published_plugin_binary_round_trips_add_and_del(string version)
    {
        using var dir = new TempSocketDir();
        var handler = new RecordingCniHandler();
        await using var server = await StartAsync(dir, handler);
        var add = await ProcessRun.RunAsync(PluginPath, [], Env("ADD", dir.SocketPath), Config(version));
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Equal("10.244.0.5/24", add.Json.GetProperty("ips")[0].GetProperty("address").GetString());
        var del = await ProcessRun.RunAsync(PluginPath, [], Env("DEL", dir.SocketPath), Config(version));
        Assert.True(del.ExitCode == 0 && del.Stdout.Length == 0, del.ToString());
        Assert.Equal(2, handler.Requests.Count);
    }
}
