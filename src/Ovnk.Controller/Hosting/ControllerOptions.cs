using Ovnk.Kube.Leader;
using Ovnk.Translation.Topology;

namespace Ovnk.Controller.Hosting;

/// <summary>Settings of <c>ovnk controller</c>.</summary>
public sealed record ControllerOptions
{
    /// <summary>The NB remote(s), e.g. <c>unix:/var/run/ovn/ovnnb_db.sock</c> or <c>tcp:172.18.0.2:6641</c>.</summary>
    public required string NbRemote { get; init; }

    /// <summary>Cluster CIDR, join subnet, service CIDR.</summary>
    public ClusterConfig Cluster { get; init; } = ClusterConfig.Default;

    /// <summary>Workers per work queue (nodes, pods, namespaces).</summary>
    public int Workers { get; init; } = 4;

    /// <summary>Lease settings; null runs without leader election (a single controller).</summary>
    public LeaderElectionOptions? LeaderElection { get; init; }

    /// <summary>This instance's name in Events and the Lease.</summary>
    public string Identity { get; init; } = Environment.MachineName;

    /// <summary>Port of <c>/metrics</c> on <see cref="MetricsAddress"/> (upstream's 9409); 0 picks a free port, null disables.</summary>
    public int? MetricsPort { get; init; } = 9409;

    /// <summary>Address the metrics endpoint listens on.</summary>
    public string MetricsAddress { get; init; } = "127.0.0.1";
}
