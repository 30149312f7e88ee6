using Ovnk.Cni.Protocol;

namespace Ovnk.Cni.Tests;

/// <summary>The dispatcher in-process, for every supported version and command, with no agent listening.</summary>
public sealed class CniDispatcherTests
{
    public static TheoryData<string, string, int, int?> AgentDownMatrix()
    {
        var data = new TheoryData<string, string, int, int?>();
        foreach (var v in CniVersions.Supported)
        {
            var v110 = v == "1.1.0";
            data.Add(v, "ADD", 1, 11);
            data.Add(v, "DEL", 0, null);
            data.Add(v, "CHECK", 1, v.StartsWith("0.3.", StringComparison.Ordinal) ? 1 : 11);
            data.Add(v, "GC", 1, v110 ? 11 : 1);
            data.Add(v, "STATUS", 1, v110 ? 50 : 1);
            data.Add(v, "VERSION", 0, null);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AgentDownMatrix))]
    public async Task Command_at_version_without_agent_gives_spec_answer(string version, string command, int exit, int? code)
    {
        var run = await InProcessPlugin.RunAsync(InProcessPlugin.Env(command), InProcessPlugin.Config(version));
        Assert.True(run.ExitCode == exit, run.ToString());
        if (command == "VERSION")
        {
            Assert.Equal(version, run.Json!.RootElement.GetProperty("cniVersion").GetString());
            return;
        }
        Assert.Equal(code, run.ErrorCode);
        if (code is null)
        {
            Assert.Equal("", run.Stdout);
            return;
        }
        // Errors carry the version they were asked in, a message, and (ours always) a details line with the fix.
        var error = run.Json!.RootElement;
        Assert.Equal(version, error.GetProperty("cniVersion").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("details").GetString()));
    }

    [Fact]
    public async Task Add_without_agent_names_the_socket_and_the_fix()
    {
        var env = InProcessPlugin.Env("ADD");
        var run = await InProcessPlugin.RunAsync(env, InProcessPlugin.Config("1.0.0"));
        Assert.Equal(11, run.ErrorCode);
        Assert.Contains("node agent is not reachable", run.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("does not exist", run.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(env["OVNK_CNI_SERVER_SOCKET"], run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Del_without_agent_prints_nothing_and_logs_to_stderr()
    {
        var run = await InProcessPlugin.RunAsync(InProcessPlugin.Env("DEL"), InProcessPlugin.Config("0.4.0"));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("node agent unreachable", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_variables_are_all_named_in_table_order()
    {
        var env = new Dictionary<string, string> { ["CNI_COMMAND"] = "CHECK" };
        var run = await InProcessPlugin.RunAsync(env, InProcessPlugin.Config("1.0.0"));
        Assert.Equal(4, run.ErrorCode);
        Assert.Equal("required env variables [CNI_CONTAINERID,CNI_NETNS,CNI_IFNAME,CNI_PATH] missing", run.ErrorMessage);
    }

    [Fact]
    public async Task Gc_and_status_need_no_container_id_or_ifname()
    {
        var env = new Dictionary<string, string> { ["CNI_COMMAND"] = "STATUS", ["CNI_PATH"] = "/opt/cni/bin", ["OVNK_CNI_SERVER_SOCKET"] = "/tmp/ovnk-absent.sock" };
        var status = await InProcessPlugin.RunAsync(env, InProcessPlugin.Config("1.1.0"));
        Assert.Equal(50, status.ErrorCode);
        env["CNI_COMMAND"] = "GC";
        var gc = await InProcessPlugin.RunAsync(env, InProcessPlugin.Config("1.1.0"));
        Assert.Equal(11, gc.ErrorCode);
    }

    [Fact]
    public async Task Gc_without_cni_path_is_an_env_error()
    {
        var env = new Dictionary<string, string> { ["CNI_COMMAND"] = "GC" };
        var run = await InProcessPlugin.RunAsync(env, InProcessPlugin.Config("1.1.0"));
        Assert.Equal("required env variables [CNI_PATH] missing", run.ErrorMessage);
    }

    [Theory]
    [InlineData("relative CNI_PATH", "CNI_PATH", "bin:/usr/lib/cni", 4)]
    [InlineData("empty CNI_PATH element is tolerated", "CNI_PATH", "/usr/lib/cni::/opt/cni/bin", 11)]
    [InlineData("lower-case command", "CNI_COMMAND", "add", 4)]
    public async Task Environment_values_are_checked_before_the_agent(string name, string variable, string value, int code)
    {
        var env = InProcessPlugin.Env("ADD");
        env[variable] = value;
        var run = await InProcessPlugin.RunAsync(env, InProcessPlugin.Config("1.0.0"));
        Assert.True(code == run.ErrorCode, $"{name}: {run}");
    }

    [Theory]
    [InlineData("no cniVersion means 0.1.0, which we do not speak", """{"name":"n","type":"ovn-k8s-cni-overlay"}""", 1)]
    [InlineData("0.2.0 is not supported", """{"cniVersion":"0.2.0","name":"n","type":"ovn-k8s-cni-overlay"}""", 1)]
    [InlineData("missing type", """{"cniVersion":"1.0.0","name":"n"}""", 7)]
    [InlineData("name is not a string", """{"cniVersion":"1.0.0","name":5,"type":"x"}""", 6)]
    [InlineData("garbage version", """{"cniVersion":"one","name":"n","type":"x"}""", 1)]
    public async Task Config_is_checked_before_the_agent(string name, string config, int code)
    {
        var run = await InProcessPlugin.RunAsync(InProcessPlugin.Env("ADD"), config);
        Assert.True(code == run.ErrorCode, $"{name}: {run}");
    }

    [Fact]
    public async Task No_command_prints_about_text_and_succeeds()
    {
        var run = await InProcessPlugin.RunAsync(new Dictionary<string, string>(), "");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("0.3.0, 0.3.1, 0.4.0, 1.0.0, 1.1.0", run.Stderr, StringComparison.Ordinal);
    }
}
