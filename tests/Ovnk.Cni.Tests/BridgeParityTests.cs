namespace Ovnk.Cni.Tests;

/// <summary>
/// Issue 6 acceptance 1: for each bad input, our plugin and the reference bridge plugin (Debian's
/// containernetworking-plugins 1.1.1) give the same exit status and the same error code, as JSON on stdout.
/// Our agent is down for these runs: the answers must not depend on it.
/// </summary>
public sealed class BridgeParityTests
{
    [Theory]
    [MemberData(nameof(ParityCases.Names), MemberType = typeof(ParityCases))]
    public Task Bridge_and_ours_give_the_same_answer(string name) =>
        RunCaseAsync(ParityCases.Named(name), socket: null);

    /// <summary>The same matrix with our agent up: bad input never reaches it, and the answers do not change.</summary>
    [Theory]
    [MemberData(nameof(ParityCases.Names), MemberType = typeof(ParityCases))]
    public async Task Bridge_and_ours_give_the_same_answer_with_the_agent_running(string name)
    {
        var c = ParityCases.Named(name);
        var root = Path.Combine("/tmp", "ovnk-cni-parity-" + Guid.NewGuid().ToString("N")[..10]);
        var handler = new CountingCniHandler();
        try
        {
            var socket = Path.Combine(root, "cni", "ovn-cni-server.sock");
            using var start = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await using (await Ovnk.Node.Cni.CniServer.StartAsync(socket, handler, start.Token))
                await RunCaseAsync(c, socket);
            // Only valid DELs (the netns is gone, or not given) are the agent's business.
            Assert.True((c.ExpectedCode is null && c.Command == "DEL" ? c.Runs : 0) == handler.Calls, $"{handler.Calls} requests reached the agent");
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    private static async Task RunCaseAsync(ParityCase c, string? socket)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var bridge = "ovp" + suffix;
        var env = BaseEnv(c.Command, suffix);
        if (socket is not null) env["OVNK_CNI_SERVER_SOCKET"] = socket;
        foreach (var (k, v) in c.EnvChanges)
        {
            if (v is null) env.Remove(k);
            else env[k] = v;
        }
        var stdin = c.Stdin(bridge);
        try
        {
            for (var run = 0; run < c.Runs; run++)
            {
                var theirs = await PluginProcess.RunAsync(PluginProcess.BridgePath, env, stdin);
                var ours = await PluginProcess.RunAsync(PluginProcess.OursPath, env, stdin);
                AssertSame(c, theirs, ours);
            }
        }
        finally
        {
            await HostState.AssertNoTraceAsync(bridge, "ovnk-absent-" + suffix);
        }
    }

    private static void AssertSame(ParityCase c, PluginRun theirs, PluginRun ours)
    {
        Assert.True(theirs.ExitCode == c.ExpectedExit, $"bridge, the reference, did not behave as expected: {theirs}");
        Assert.True(theirs.ErrorCode == c.ExpectedCode, $"bridge, the reference, gave another code: {theirs}");
        Assert.True(ours.ExitCode == theirs.ExitCode, $"exit status differs: bridge {theirs}; ours {ours}");
        Assert.True(ours.ErrorCode == theirs.ErrorCode, $"error code differs: bridge {theirs}; ours {ours}");
        if (c.ExpectedCode is null)
        {
            Assert.Equal("", ours.Stdout.Trim());
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(ours.ErrorMessage), $"our error has no msg: {ours}");
            Assert.Equal(c.ExpectedCode, ours.ErrorCode);
        }
        // The missing-variables message is skel's exact text: runtimes and humans grep for it.
        if (theirs.ErrorMessage?.StartsWith("required env variables", StringComparison.Ordinal) == true)
            Assert.Equal(theirs.ErrorMessage, ours.ErrorMessage);
        if (!c.EnvChanges.ContainsKey("CNI_COMMAND")) return;
        Assert.Contains("CNI protocol versions supported", theirs.Stderr, StringComparison.Ordinal);
        Assert.Contains("CNI protocol versions supported", ours.Stderr, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> BaseEnv(string command, string suffix) => new()
    {
        ["CNI_COMMAND"] = command,
        ["CNI_CONTAINERID"] = "ovnk-parity-" + suffix,
        ["CNI_NETNS"] = "/run/netns/ovnk-absent-" + suffix,
        ["CNI_IFNAME"] = "eth0",
        ["CNI_PATH"] = "/usr/lib/cni",
        ["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin",
        // No agent listens here: the answers to bad input must come from the plugin alone.
        ["OVNK_CNI_SERVER_SOCKET"] = $"/tmp/ovnk-cni-absent-{suffix}/ovn-cni-server.sock",
    };
}
