namespace Ovnk.Node.Tests.Cni;

/// <summary>
/// Builds tests/cni-harness (Go over Debian's libcni, GOPATH mode, no network) once per test class, and runs it with
/// CNI_PATH = the published plugin's directory followed by /usr/lib/cni. Removes its scratch directory on dispose.
/// </summary>
public sealed class LibcniHarness : IAsyncLifetime
{
    public string Scratch { get; } = Path.Combine("/tmp", "ovnk-cni-harness-" + Guid.NewGuid().ToString("N")[..10]);

    public string Binary => Path.Combine(Scratch, "cni-harness");

    public static string CniPath => Path.GetDirectoryName(RoundTripTests.PluginPath) + ":/usr/lib/cni";

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Scratch);
        var source = FindSource();
        var env = new Dictionary<string, string>
        {
            ["GO111MODULE"] = "off",
            ["GOPATH"] = "/usr/share/gocode",
            ["GOCACHE"] = Path.Combine(Scratch, "gocache"),
            ["HOME"] = Scratch,
            ["PATH"] = "/usr/bin:/bin",
        };
        var build = await ProcessRun.RunAsync("/usr/bin/go", ["build", "-o", Binary, Path.Combine(source, "main.go")], env, limit: TimeSpan.FromMinutes(3));
        Assert.True(build.ExitCode == 0, $"building the libcni harness failed (needs golang-go and golang-github-appc-cni-dev, see scripts/bootstrap.sh): {build}");
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(Scratch)) Directory.Delete(Scratch, recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>Writes a conflist into the scratch directory and returns its path.</summary>
    public string WriteConfList(string version, string name, params string[] pluginTypes)
    {
        var plugins = string.Join(",", pluginTypes.Select(t => t switch
        {
            "portmap" => """{"type":"portmap","capabilities":{"portMappings":true}}""",
            "bandwidth" => """{"type":"bandwidth","capabilities":{"bandwidth":true}}""",
            _ => $$"""{"type":"{{t}}"}""",
        }));
        var path = Path.Combine(Scratch, $"{name}-{version}.conflist");
        File.WriteAllText(path, $$"""{"cniVersion":"{{version}}","name":"{{name}}","plugins":[{{plugins}}]}""");
        return path;
    }

    /// <summary>Runs one harness op; <paramref name="socket"/> reaches the plugin through libcni's inherited environment.</summary>
    public Task<ProcessRun> RunAsync(string socket, params string[] args)
    {
        var env = new Dictionary<string, string> { ["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin", ["OVNK_CNI_SERVER_SOCKET"] = socket };
        return ProcessRun.RunAsync(Binary, args, env);
    }

    /// <summary>
    /// Runs one harness op inside network namespace <paramref name="netns"/> (where a runtime runs on a node: the
    /// bandwidth plugin acts on the host-side veth there) for the API pod <paramref name="pod"/>.
    /// </summary>
    public Task<ProcessRun> RunInNetnsAsync(string netns, string socket, string pod, params string[] args)
    {
        var env = new Dictionary<string, string>
        {
            ["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin", ["OVNK_CNI_SERVER_SOCKET"] = socket, ["HARNESS_POD_NAME"] = pod,
        };
        return ProcessRun.RunAsync("/usr/sbin/ip", ["netns", "exec", netns, Binary, .. args], env, limit: TimeSpan.FromSeconds(120));
    }

    private static string FindSource()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "cni-harness");
            if (File.Exists(Path.Combine(candidate, "main.go"))) return candidate;
        }
        throw new DirectoryNotFoundException($"tests/cni-harness not found above {AppContext.BaseDirectory}: run the tests from a checkout");
    }
}
