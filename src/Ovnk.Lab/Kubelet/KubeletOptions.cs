namespace Ovnk.Lab.Kubelet;

/// <summary>How to run one lab node's kubelet-lite (<c>ovnk lab kubelet</c>).</summary>
public sealed record KubeletOptions
{
    /// <summary>The Node's name (also the pods' hostIP owner and the node UTS namespace's host name).</summary>
    public required string NodeName { get; init; }

    /// <summary>The node's state directory: its bind-mounted directories, pod state, logs, the CNI cache.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>
    /// The unix socket kubelet-lite serves exec/attach/logs on (published in the Node annotation
    /// lab.ovnk.io/kubelet-socket, which the API server proxies to).
    /// </summary>
    public string StreamingSocketPath => Path.Combine(Path.GetFullPath(StateDirectory), "kubelet.sock");

    /// <summary>The kubeconfig to reach the API server with.</summary>
    public required string Kubeconfig { get; init; }

    /// <summary>The node's network namespace name under /run/netns (created unless it exists); defaults to the node name.</summary>
    public string? NetNsName { get; init; }

    /// <summary>Register with the control-plane role label and its NoSchedule taint.</summary>
    public bool ControlPlane { get; init; }

    /// <summary>Extra node labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Copy these CNI plugin binaries into the node's /opt/cni/bin when missing there (e.g. /usr/lib/cni).</summary>
    public string? CniPluginSource { get; init; }

    /// <summary>The API server as pods reach it (KUBERNETES_SERVICE_HOST/PORT); defaults to the kubeconfig's server.</summary>
    public string? ApiServerHost { get; init; }

    /// <summary>See <see cref="ApiServerHost"/>.</summary>
    public int? ApiServerPort { get; init; }

    /// <summary>The ovnk binary that runs built-in images (agnhost, pause, nginx); defaults to this process's binary.</summary>
    public string? OvnkBinary { get; init; }

    /// <summary>Lease renewal and node status period (kubelet's nodeLeaseDurationSeconds/4 is 10 s; the lab is quicker).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The first container restart delay; doubles up to <see cref="MaxRestartBackoff"/> (kubelet: 10 s → 5 min).</summary>
    public TimeSpan RestartBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest container restart delay.</summary>
    public TimeSpan MaxRestartBackoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The first retry delay after a failed sandbox (CNI ADD); doubles up to <see cref="MaxRestartBackoff"/>.</summary>
    public TimeSpan SandboxBackoff { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Rotate a container log when it grows beyond this (kubelet's containerLogMaxSize default is 10 Mi).</summary>
    public long LogMaxBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>The network namespace name used for the node.</summary>
    public string EffectiveNetNsName => NetNsName ?? NodeName;
}
