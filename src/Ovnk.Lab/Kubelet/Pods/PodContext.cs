using k8s;
using Ovnk.Kube.Events;
using Ovnk.Lab.Kubelet.Containers;
using Ovnk.Lab.Kubelet.Nodes;

namespace Ovnk.Lab.Kubelet.Pods;

/// <summary>What every pod worker of a node shares.</summary>
public sealed class PodContext
{
    public required IKubernetes Client { get; init; }

    public required KubeletOptions Options { get; init; }

    public required NodePaths Paths { get; init; }

    public required SandboxManager Sandboxes { get; init; }

    public required VolumeBuilder Volumes { get; init; }

    public required EnvResolver Env { get; init; }

    public required EventRecorder Events { get; init; }

    public required string OvnkBinary { get; init; }

    /// <summary>Null when the node's network is ready, else why not.</summary>
    public required Func<string?> NetworkProblem { get; init; }

    /// <summary>Per-pod start stage timestamps (for the benchmark).</summary>
    public PodStartTimings Timings { get; init; } = new();

    /// <summary>The value of <see cref="LeftoverProcesses.TagVariable"/> in the environment of this node's processes.</summary>
    public string LaunchTag => Path.GetFullPath(Options.StateDirectory);

    /// <summary>The node's first InternalIP (hostIP), or null.</summary>
    public required Func<string?> HostIp { get; init; }
}
