namespace Ovnk.Lab.Cluster;

/// <summary>What `ovnk lab up` was asked for.</summary>
public sealed record LabOptions
{
    /// <summary>The name `ovnk lab` uses without --name (nodes ovn-control-plane, ovn-worker, …, as in the workshop).</summary>
    public const string DefaultName = "ovn";

    public string Name { get; init; } = DefaultName;

    public int Workers { get; init; } = 2;

    public LabCni Cni { get; init; } = LabCni.Ovnk;

    public required LabPaths Paths { get; init; }

    /// <summary>The API server's loopback port in the root namespace (kubectl).</summary>
    public int ApiPort { get; init; } = 6443;

    /// <summary>The ovnk binary components run: the stable .build/current/ovnk path when run from a repo build.</summary>
    public required string OvnkBinary { get; init; }

    /// <summary>The manifests applied in Ovnk mode (deploy/*.yaml).</summary>
    public string? DeployDirectory { get; init; }

    /// <summary>Reference CNI plugins copied into each node's /opt/cni/bin.</summary>
    public string CniPluginSource { get; init; } = "/usr/lib/cni";

    /// <summary>How long to wait for nodes and Ovnk pods to become Ready.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromMinutes(4);
}
