using System.CommandLine;
using System.Net;
using k8s;
using Microsoft.Extensions.Logging;
using Ovnk.Controller.Hosting;
using Ovnk.Kube.Leader;
using Ovnk.Translation.Topology;

namespace Ovnk.Cli;

/// <summary>
/// <c>ovnk controller --kubeconfig K --nb unix:/var/run/ovn/ovnnb_db.sock</c>: ovnkube-master in centralized mode
/// (cluster manager, NB topology, pods), leader-elected on a Lease unless <c>--no-leader-elect</c>.
/// </summary>
internal static class ControllerCommand
{
    public static Command Create()
    {
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Kubeconfig file; in-cluster config when omitted." };
        var nb = new Option<string?>("--nb") { Description = "NB remote(s): unix:PATH, tcp:IP:PORT or ssl:IP:PORT, comma separated (env OVN_NB).", DefaultValueFactory = _ => EnvDefaults.String("OVN_NB") };
        var clusterCidr = new Option<string>("--cluster-cidr") { Description = "Pod network, split into one subnet per node.", DefaultValueFactory = _ => EnvDefaults.String("OVN_NET_CIDR", "10.244.0.0/16") };
        var hostPrefix = new Option<int>("--host-prefix") { Description = "Prefix length of each node subnet (env OVN_HOST_PREFIX).", DefaultValueFactory = r => EnvDefaults.Int(r, "OVN_HOST_PREFIX", 24) };
        var joinSubnet = new Option<string>("--join-subnet") { Description = "Join switch subnet.", DefaultValueFactory = _ => EnvDefaults.String("OVN_JOIN_SUBNET", "100.64.0.0/16") };
        var serviceCidr = new Option<string>("--service-cidr") { Description = "Service network (routed via the pod gateway).", DefaultValueFactory = _ => EnvDefaults.String("OVN_SVC_CIDR", "10.96.0.0/16") };
        var workers = new Option<int>("--workers") { Description = "Workers per work queue.", DefaultValueFactory = _ => 4 };
        var metricsPort = new Option<int>("--metrics-port") { Description = "Port of /metrics (0 = any free port, -1 = off).", DefaultValueFactory = _ => 9409 };
        var metricsAddress = new Option<string>("--metrics-address") { Description = "Address of /metrics.", DefaultValueFactory = _ => "127.0.0.1" };
        var noLeader = new Option<bool>("--no-leader-elect") { Description = "Run without leader election (only one controller may run)." };
        var leaseNs = new Option<string>("--lease-namespace") { Description = "Namespace of the Lease.", DefaultValueFactory = _ => EnvDefaults.String("POD_NAMESPACE", "ovn-kubernetes") };
        var leaseDuration = new Option<int>("--lease-duration") { Description = "Lease duration in seconds (renew deadline 1/2, retry 1/3 of it).", DefaultValueFactory = _ => 60 };
        var identity = new Option<string>("--identity") { Description = "This instance's name in the Lease and Events.", DefaultValueFactory = _ => EnvDefaults.String("POD_NAME", Environment.MachineName) };
        var command = new Command("controller", "Run the controller: node subnets, NB topology and pod networks (ovnkube-master, centralized mode).")
        {
            kubeconfig, nb, clusterCidr, hostPrefix, joinSubnet, serviceCidr, workers, metricsPort, metricsAddress, noLeader, leaseNs, leaseDuration, identity,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (EnvDefaults.Require(parse.GetValue(nb), "--nb", "OVN_NB", m => Console.Error.WriteLine("ovnk controller: " + m)) is not { } nbRemote)
                return 2;
            ClusterConfig cluster;
            try
            {
                cluster = new ClusterConfig([IPNetwork.Parse(parse.GetValue(clusterCidr)!)], [IPNetwork.Parse(parse.GetValue(joinSubnet)!)],
                    [IPNetwork.Parse(parse.GetValue(serviceCidr)!)], parse.GetValue(hostPrefix));
                _ = new Ovnk.Controller.Nodes.ClusterManager(cluster); // validates the sizes
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                await Console.Error.WriteLineAsync($"ovnk controller: {e.Message} Pass CIDRs like 10.244.0.0/16 with a host prefix that fits.");
                return 2;
            }
            var lease = TimeSpan.FromSeconds(Math.Max(3, parse.GetValue(leaseDuration)));
            var options = new ControllerOptions
            {
                NbRemote = nbRemote, Cluster = cluster, Workers = parse.GetValue(workers), Identity = parse.GetValue(identity)!,
                MetricsPort = parse.GetValue(metricsPort) is var p and >= 0 ? p : null, MetricsAddress = parse.GetValue(metricsAddress)!,
                LeaderElection = parse.GetValue(noLeader) ? null : new LeaderElectionOptions
                {
                    Namespace = parse.GetValue(leaseNs)!, LeaseName = "ovn-kubernetes-master", Identity = parse.GetValue(identity)!,
                    LeaseDuration = lease, RenewDeadline = lease / 2, RetryPeriod = lease / 3,
                },
            };
            return await RunAsync(options, parse.GetValue(kubeconfig), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(ControllerOptions options, string? kubeconfig, CancellationToken commandToken)
    {
        using var signals = new TerminationSignals(commandToken);
        var cancellationToken = signals.Token;
        if (!ApiServerOverride.TryApply(kubeconfig, m => Console.Error.WriteLine("ovnk controller: " + m)))
            return 2;
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; }).SetMinimumLevel(LogLevel.Information));
        var config = kubeconfig is null ? KubernetesClientConfiguration.InClusterConfig() : KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
        using var kube = new Kubernetes(config);
        var host = new ControllerHost(options, kube, loggers);
        try
        {
            await host.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C / SIGTERM.
        }
        catch (Ovnk.Ovsdb.OvsdbException e)
        {
            await Console.Error.WriteLineAsync($"ovnk controller: the NB at {options.NbRemote} is not usable: {e.Message} Check --nb and that ovsdb-server runs.");
            return 1;
        }
        return 0;
    }
}
