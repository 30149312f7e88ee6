using System.Text;

namespace Ovnk.Cni.Tests;

/// <summary>Runs <see cref="CniDispatcher"/> in-process with an injected environment, stdin and stdout.</summary>
public static class InProcessPlugin
{
    public static async Task<PluginRun> RunAsync(IReadOnlyDictionary<string, string> env, string stdin)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(stdin));
        using var output = new MemoryStream();
        using var errors = new StringWriter();
        var dispatcher = new CniDispatcher(name => env.TryGetValue(name, out var v) ? v : null, input, output, errors);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var exit = await dispatcher.RunAsync(timeout.Token);
        return new PluginRun(exit, Encoding.UTF8.GetString(output.ToArray()), errors.ToString());
    }

    /// <summary>A complete environment for <paramref name="command"/> whose agent socket does not exist.</summary>
    public static Dictionary<string, string> Env(string command, string? socket = null) => new()
    {
        ["CNI_COMMAND"] = command,
        ["CNI_CONTAINERID"] = "0123456789abcdef",
        ["CNI_NETNS"] = "/run/netns/ovnk-test-absent",
        ["CNI_IFNAME"] = "eth0",
        ["CNI_PATH"] = "/opt/cni/bin:/usr/lib/cni",
        ["CNI_ARGS"] = "IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=web",
        ["OVNK_CNI_SERVER_SOCKET"] = socket ?? $"/tmp/ovnk-cni-absent-{Guid.NewGuid():N}/ovn-cni-server.sock",
    };

    public static string Config(string version) =>
        $$"""{"cniVersion":"{{version}}","name":"ovn-kubernetes","type":"ovn-k8s-cni-overlay","logLevel":"4"}""";
}
