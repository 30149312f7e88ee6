namespace Ovnk.Cni.Tests;

/// <summary>
/// What the Debian peers cannot answer (they stop at spec 1.0.0): VERSION with 1.1.0, GC, STATUS and its codes,
/// checked against the spec text (SPEC.md §2 VERSION/GC/STATUS, §5 codes) by running the published binary.
/// </summary>
public sealed class SpecTextTests
{
    private static Dictionary<string, string> Env(string command) => InProcessPlugin.Env(command);

    [Fact]
    public async Task Version_lists_every_supported_version_including_1_1_0()
    {
        var run = await PluginProcess.RunAsync(PluginProcess.OursPath, Env("VERSION"), """{"cniVersion":"1.0.0"}""");
        Assert.Equal(0, run.ExitCode);
        var root = run.Json!.RootElement;
        Assert.Equal("1.0.0", root.GetProperty("cniVersion").GetString());
        Assert.Equal(["0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"], root.GetProperty("supportedVersions").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task Version_without_stdin_answers_in_1_1_0()
    {
        var run = await PluginProcess.RunAsync(PluginProcess.OursPath, new Dictionary<string, string> { ["CNI_COMMAND"] = "VERSION" }, "");
        Assert.Equal("1.1.0", run.Json!.RootElement.GetProperty("cniVersion").GetString());
    }

    [Theory]
    [InlineData("GC at 1.0.0 is refused", "GC", "1.0.0", 1)]
    [InlineData("STATUS at 1.0.0 is refused", "STATUS", "1.0.0", 1)]
    [InlineData("GC at 1.1.0 without agent: try again later", "GC", "1.1.0", 11)]
    [InlineData("STATUS at 1.1.0 without agent: plugin not available", "STATUS", "1.1.0", 50)]
    [InlineData("ADD without agent: try again later", "ADD", "1.1.0", 11)]
    public async Task Commands_of_1_1_follow_the_spec(string name, string command, string version, int code)
    {
        var run = await PluginProcess.RunAsync(PluginProcess.OursPath, Env(command), InProcessPlugin.Config(version));
        Assert.True(run.ExitCode == 1 && run.ErrorCode == code, $"{name}: {run}");
        Assert.Equal(version, run.Json!.RootElement.GetProperty("cniVersion").GetString());
    }

    [Fact]
    public async Task Gc_at_1_0_0_names_the_command_in_the_message()
    {
        var run = await PluginProcess.RunAsync(PluginProcess.OursPath, Env("GC"), InProcessPlugin.Config("1.0.0"));
        Assert.Equal("config version does not allow GC", run.ErrorMessage);
    }

    [Fact]
    public async Task Del_without_agent_exits_0_and_prints_nothing()
    {
        var run = await PluginProcess.RunAsync(PluginProcess.OursPath, Env("DEL"), InProcessPlugin.Config("1.1.0"));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
    }
}
