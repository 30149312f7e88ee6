using System.Text;
using Ovnk.Lab.Cluster;

namespace Ovnk.Lab.E2E.Tests.Support;

/// <summary>
/// What a failed `lab up` leaves to read, gathered before `lab down` removes it: `kubectl get pods -A -o wide`, and the
/// last lines of the API server's and kubelets' logs, of every container log (STATE/nodes/NODE/logs, the /var/log/pods
/// layout) and of the node daemons' own log files (ovs-vswitchd.log, ovn-controller.log, … under the node's /var/log).
/// </summary>
public static class LabPostMortem
{
    private const int TailLines = 60;

    public static async Task<string> CollectAsync(LabFixture lab)
    {
        var text = new StringBuilder();
        try
        {
            var pods = await lab.KubectlRunAsync(["get", "pods", "-A", "-o", "wide"], timeoutSeconds: 30);
            text.Append("--- kubectl get pods -A -o wide\n").Append(pods.Stdout).Append(pods.Stderr);
        }
        catch (Exception e) when (e is TimeoutException or IOException or InvalidOperationException)
        {
            text.Append("--- kubectl get pods -A -o wide failed: ").Append(e.Message).Append('\n');
        }
        // The network as each node sees it (a worker that cannot reach the API server was the symptom seen so far).
        foreach (var node in lab.Nodes)
        {
            foreach (var command in NodeCommands(lab))
            {
                try
                {
                    var run = await lab.OvnkAsync(TimeSpan.FromSeconds(20), ["lab", "exec", "--state-dir", lab.StateDirectory, node, "--", .. command]);
                    text.Append("--- ").Append(node).Append(": ").Append(string.Join(' ', command)).Append('\n').Append(run.Stdout).Append(run.Stderr);
                }
                catch (Exception e) when (e is TimeoutException or IOException or InvalidOperationException)
                {
                    text.Append("--- ").Append(node).Append(": ").Append(string.Join(' ', command)).Append(" failed: ").Append(e.Message).Append('\n');
                }
            }
        }
        foreach (var file in LogFiles(lab.Paths))
        {
            text.Append("--- ").Append(file).Append('\n');
            foreach (var line in LabDiagnosis.Tail(file, TailLines)) text.Append("  ").Append(line).Append('\n');
        }
        return text.ToString();
    }

    private static IEnumerable<string[]> NodeCommands(LabFixture lab) =>
    [
        ["ip", "-br", "address"], ["ip", "route"], ["ip", "neigh"], ["ss", "-tni"],
        ["curl", "-sk", "--max-time", "5", "-o", "/dev/null", "-w", "API %{http_code} in %{time_total}s\n", $"https://{ControlPlaneIp}:6443/healthz"],
        ["ovs-ofctl", "dump-flows", "breth0"], ["ovs-appctl", "fdb/show", "breth0"],
        ["ovs-appctl", "dpctl/dump-conntrack"], ["ovs-appctl", "coverage/show"],
    ];

    private const string ControlPlaneIp = "172.18.0.2";

    private static IEnumerable<string> LogFiles(LabPaths paths) =>
        Files(paths.LogDirectory, SearchOption.TopDirectoryOnly).Concat(
            (Directory.Exists(paths.NodesDirectory) ? Directory.GetDirectories(paths.NodesDirectory).Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
                .SelectMany(node => Files(Path.Combine(node, "logs"), SearchOption.AllDirectories)
                    .Concat(Files(Path.Combine(node, "root", "var", "log"), SearchOption.AllDirectories))));

    private static IEnumerable<string> Files(string directory, SearchOption option) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory, "*.log", option).Order(StringComparer.Ordinal) : Enumerable.Empty<string>();
}
