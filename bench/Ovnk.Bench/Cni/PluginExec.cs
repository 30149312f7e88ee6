using System.Diagnostics;
using Ovnk.Cni.Protocol;
using Ovnk.TestSupport;

namespace Ovnk.Bench.Cni;

/// <summary>
/// Runs a CNI plugin as a container runtime on the node would: <c>nsenter --net=NODE</c> (the node is a network
/// namespace here; the reference bridge plugin creates its bridge in the namespace it runs in, so never the host's),
/// CNI variables in the environment, the network config on stdin. Returns the wall time in milliseconds.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class PluginExec
{
    public static async Task<double> RunAsync(string plugin, string command, string nodeNsPath, string containerId, string podNetNs,
        string podName, string config, string socket, CancellationToken ct)
    {
        var env = new Dictionary<string, string>
        {
            ["CNI_COMMAND"] = command, ["CNI_CONTAINERID"] = containerId, ["CNI_NETNS"] = podNetNs, ["CNI_IFNAME"] = "eth0",
            ["CNI_PATH"] = $"{Path.GetDirectoryName(plugin)}:/usr/lib/cni",
            ["CNI_ARGS"] = $"IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME={podName}",
            [CniSocket.PathVariable] = socket,
        };
        ct.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        var run = await Proc.RunAsync("nsenter", ["--net=" + nodeNsPath, plugin], TimeSpan.FromSeconds(120), config, env);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        run.EnsureSuccess($"{Path.GetFileName(plugin)} {command} {containerId}");
        return ms;
    }
}
