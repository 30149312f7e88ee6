using Ovnk.Node.Cni;

namespace Ovnk.Node.Tests.Cni;

/// <summary>
/// Issue 6 acceptance 7 on a running server: permissions seen by stat(1), EACCES for nobody seen by python3 under
/// setpriv, and the HTTP contract seen by curl — all independent of our code.
/// </summary>
public sealed class CniServerTests
{
    private static CancellationToken Bounded => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    [Fact]
    public async Task Running_server_has_a_0700_root_directory_and_a_0600_socket()
    {
        using var dir = new TempSocketDir();
        await using (var server = await CniServer.StartAsync(dir.SocketPath, new RecordingCniHandler(), Bounded))
        {
            Assert.Equal("700 0 directory", await FileOracle.StatAsync(dir.SocketDirectory));
            Assert.Equal("600 0 socket", await FileOracle.StatAsync(dir.SocketPath));
        }
        Assert.False(File.Exists(dir.SocketPath), "dispose removes the socket");
    }

    [Fact]
    public async Task Root_connects_and_nobody_gets_EACCES()
    {
        using var dir = new TempSocketDir();
        await using var server = await CniServer.StartAsync(dir.SocketPath, new RecordingCniHandler(), Bounded);
        Assert.Equal("connected", await FileOracle.ConnectAsync(dir.SocketPath, asNobody: false));
        Assert.Equal("errno 13", await FileOracle.ConnectAsync(dir.SocketPath, asNobody: true));
    }

    [Fact]
    public async Task Plugin_run_by_nobody_is_told_permission_denied()
    {
        using var dir = new TempSocketDir();
        var handler = new RecordingCniHandler();
        await using var server = await CniServer.StartAsync(dir.SocketPath, handler, Bounded);
        var env = RoundTripTests.Env("ADD", dir.SocketPath);
        var run = await ProcessRun.RunAsync("/usr/bin/setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", RoundTripTests.PluginPath], env, RoundTripTests.Config("1.0.0"));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(11, run.Json.GetProperty("code").GetInt32());
        Assert.Contains("permission denied", run.Json.GetProperty("msg").GetString(), StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Start_on_a_weaker_directory_fails_before_listening()
    {
        using var dir = new TempSocketDir();
        Directory.CreateDirectory(dir.SocketDirectory);
        File.SetUnixFileMode(dir.SocketDirectory, (UnixFileMode)Convert.ToInt32("755", 8));
        var e = await Assert.ThrowsAsync<CniServerException>(() => CniServer.StartAsync(dir.SocketPath, new RecordingCniHandler(), Bounded));
        Assert.Contains($"{dir.SocketDirectory} has mode 0755, not 0700", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.SocketPath));
    }

    [Fact]
    public async Task Curl_gets_a_decode_error_for_a_bad_body_and_a_result_for_a_good_add()
    {
        using var dir = new TempSocketDir();
        await using var server = await CniServer.StartAsync(dir.SocketPath, new RecordingCniHandler(), Bounded);
        var bad = await CurlAsync(dir.SocketPath, "{not json");
        Assert.Equal("400", bad.Status);
        Assert.Contains("\"code\":6", bad.Body, StringComparison.Ordinal);
        var config = Convert.ToBase64String("""{"cniVersion":"1.0.0","name":"ovn-kubernetes","type":"ovn-k8s-cni-overlay"}"""u8.ToArray());
        var good = await CurlAsync(dir.SocketPath, $$"""{"env":{"CNI_COMMAND":"ADD","CNI_CONTAINERID":"abc","CNI_NETNS":"/run/netns/x","CNI_IFNAME":"eth0","CNI_ARGS":"K8S_POD_NAMESPACE=ns;K8S_POD_NAME=p"},"config":"{{config}}"}""");
        Assert.Equal("200", good.Status);
        Assert.Contains("\"Result\":", good.Body, StringComparison.Ordinal);
        Assert.Contains("10.244.0.5/24", good.Body, StringComparison.Ordinal);
    }

    private static async Task<(string Status, string Body)> CurlAsync(string socket, string body)
    {
        var run = await ProcessRun.RunAsync("/usr/bin/curl", ["-sS", "--max-time", "20", "--unix-socket", socket, "-H", "Content-Type: application/json", "--data-binary", body, "-w", "\n%{http_code}", "http://localhost/"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var split = run.Stdout.LastIndexOf('\n');
        return (run.Stdout[(split + 1)..].Trim(), run.Stdout[..split]);
    }
}
