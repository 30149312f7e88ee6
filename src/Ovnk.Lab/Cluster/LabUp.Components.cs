using System.Globalization;

namespace Ovnk.Lab.Cluster;

public sealed partial class LabUp
{
    private static readonly TimeSpan ApiStartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The API server's command line: loopback for kubectl, the control-plane node's netns for pods.</summary>
    public static IReadOnlyList<string> ApiServerArgs(LabTopology topology, LabPaths paths, int apiPort) =>
    [
        "apiserver", "--state-dir", paths.ApiServerDirectory,
        "--listen", string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{apiPort}"),
        "--listen-netns", string.Create(CultureInfo.InvariantCulture, $"{topology.ControlPlane.Name}=0.0.0.0:{LabNetwork.InLabApiPort}"),
        "--cert-address", topology.ControlPlane.Ip.ToString(),
    ];

    /// <summary>A node's kubelet-lite command line.</summary>
    public static IReadOnlyList<string> KubeletArgs(LabTopology topology, LabPaths paths, LabNode node, string ovnkBinary, string cniPlugins)
    {
        var args = new List<string>
        {
            "lab", "kubelet", "--node", node.Name, "--state-dir", paths.NodeDirectory(node.Name), "--kubeconfig", paths.Kubeconfig,
            "--cni-plugins", cniPlugins, "--api-host", topology.ControlPlane.Ip.ToString(),
            "--api-port", LabNetwork.InLabApiPort.ToString(CultureInfo.InvariantCulture), "--ovnk-binary", ovnkBinary,
            // The lab's daemons come up in dependency order by retrying; kubelet's 10 s first back-off would make that slow.
            "--restart-backoff", "1",
        };
        if (node.ControlPlane) args.Add("--control-plane");
        return args;
    }

    private async Task<string> EnsureApiServerAsync(CancellationToken cancellationToken)
    {
        var component = LabComponent.ApiServer(_paths);
        var started = false;
        if (PidFile.ReadAlive(component.PidFile) is null)
        {
            Directory.CreateDirectory(_paths.ApiServerDirectory);
            DetachedProcess.Start(_options.OvnkBinary, ApiServerArgs(_topology, _paths, _options.ApiPort), component.LogFile, component.PidFile);
            started = true;
        }
        var deadline = DateTime.UtcNow + ApiStartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (PidFile.ReadAlive(component.PidFile) is null)
            {
                throw new LabException("api server", "ovnk apiserver exited", $"read its log; a taken port needs another --api-port than {_options.ApiPort}", component.LogFile);
            }
            if (File.Exists(_paths.Kubeconfig))
            {
                using var api = LabApi.Open(_paths.Kubeconfig);
                if (await api.AnswersAsync(cancellationToken))
                {
                    return $"https://127.0.0.1:{_options.ApiPort} and https://{_topology.ControlPlane.Ip}:{LabNetwork.InLabApiPort}{(started ? "" : " (already running)")}";
                }
            }
            await Task.Delay(200, cancellationToken);
        }
        throw new LabException("api server", $"no answer within {ApiStartTimeout.TotalSeconds} s", "read its log; the machine may be overloaded", component.LogFile);
    }

    private string EnsureKubelets()
    {
        var started = 0;
        foreach (var node in _topology.Nodes)
        {
            var component = LabComponent.Kubelet(_paths, node.Name);
            if (PidFile.ReadAlive(component.PidFile) is not null) continue;
            Directory.CreateDirectory(_paths.NodeDirectory(node.Name));
            DetachedProcess.Start(_options.OvnkBinary, KubeletArgs(_topology, _paths, node, _options.OvnkBinary, _options.CniPluginSource),
                component.LogFile, component.PidFile);
            started++;
        }
        return started == _topology.Nodes.Count ? Plural(started, "node") : $"{started} started, {_topology.Nodes.Count - started} already running";
    }
}
