using System.CommandLine;
using Ovnk.Lab.Kubelet;
using Ovnk.Lab.Kubelet.Agnhost;

namespace Ovnk.Cli;

/// <summary><c>ovnk lab …</c>: the lab's node-side programs (kubelet-lite, and the built-in images' behaviours).</summary>
internal static class LabCommand
{
    public static Command Create()
    {
        var lab = new Command("lab", "The lab cluster: up, down, status, exec, kubeconfig (and the node-side programs).");
        foreach (var command in LabClusterCommands.Create())
        {
            lab.Subcommands.Add(command);
        }
        lab.Subcommands.Add(Kubelet());
        lab.Subcommands.Add(Agnhost());
        return lab;
    }

    private static Command Kubelet()
    {
        var node = new Option<string>("--node") { Description = "The Node name.", Required = true };
        var stateDir = new Option<string>("--state-dir") { Description = "The node's state directory.", Required = true };
        var kubeconfig = new Option<string>("--kubeconfig") { Description = "Kubeconfig of the lab API server.", Required = true };
        var netns = new Option<string?>("--netns") { Description = "The node's /run/netns name (default: the node name)." };
        var controlPlane = new Option<bool>("--control-plane") { Description = "Register with the control-plane role and taint." };
        var cniPlugins = new Option<string?>("--cni-plugins") { Description = "Copy CNI plugins from this directory into the node's /opt/cni/bin (e.g. /usr/lib/cni)." };
        var apiHost = new Option<string?>("--api-host") { Description = "KUBERNETES_SERVICE_HOST for pods (default: the kubeconfig's server)." };
        var apiPort = new Option<int?>("--api-port") { Description = "KUBERNETES_SERVICE_PORT for pods." };
        var backoff = new Option<double>("--restart-backoff") { Description = "First container restart delay in seconds (kubelet: 10).", DefaultValueFactory = _ => 10 };
        var sandboxBackoff = new Option<double>("--sandbox-backoff") { Description = "First sandbox (CNI ADD) retry delay in seconds.", DefaultValueFactory = _ => 2 };
        var ovnkBinary = new Option<string?>("--ovnk-binary") { Description = "The ovnk binary Ovnk and built-in images run (default: this one; the lab passes the stable .build/current/ovnk)." };
        var command = new Command("kubelet", "Run kubelet-lite for one lab node until Ctrl-C (pods keep running; a restart adopts them).")
        {
            node, stateDir, kubeconfig, netns, controlPlane, cniPlugins, apiHost, apiPort, backoff, sandboxBackoff, ovnkBinary,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new KubeletOptions
            {
                NodeName = parse.GetValue(node)!,
                StateDirectory = Path.GetFullPath(parse.GetValue(stateDir)!),
                Kubeconfig = parse.GetValue(kubeconfig)!,
                NetNsName = parse.GetValue(netns),
                ControlPlane = parse.GetValue(controlPlane),
                CniPluginSource = parse.GetValue(cniPlugins),
                ApiServerHost = parse.GetValue(apiHost),
                ApiServerPort = parse.GetValue(apiPort),
                RestartBackoff = TimeSpan.FromSeconds(parse.GetValue(backoff)),
                SandboxBackoff = TimeSpan.FromSeconds(parse.GetValue(sandboxBackoff)),
                OvnkBinary = parse.GetValue(ovnkBinary),
            };
            await using var kubelet = await KubeletLite.StartAsync(options, cancellationToken);
            Console.WriteLine($"ovnk lab kubelet: node {options.NodeName} registered; netns {kubelet.Node.NetNs}");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C / SIGTERM.
            }
            return 0;
        });
        return command;
    }

    private static Command Agnhost()
    {
        var agnhost = new Command("agnhost", "Built-in behaviours of the agnhost image (run as container processes).") { Hidden = true };
        var httpPort = new Option<int>("--http-port") { DefaultValueFactory = _ => 8080 };
        var udpPort = new Option<int?>("--udp-port");
        var netexec = new Command("netexec", "agnhost netexec: HTTP (and UDP) test server.") { httpPort, udpPort };
        netexec.SetAction((parse, cancellationToken) => Netexec.RunAsync(parse.GetValue(httpPort), parse.GetValue(udpPort), cancellationToken));
        var pause = new Command("pause", "agnhost pause: sleep until signalled.");
        pause.SetAction(async (_, cancellationToken) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // SIGTERM / SIGINT end it, as the pause binary does.
            }
            return 0;
        });
        agnhost.Subcommands.Add(netexec);
        agnhost.Subcommands.Add(pause);
        return agnhost;
    }
}
