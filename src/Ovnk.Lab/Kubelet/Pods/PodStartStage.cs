namespace Ovnk.Lab.Kubelet.Pods;

/// <summary>Stages of a pod's start (see <see cref="PodStartTimings"/>), in order.</summary>
public enum PodStartStage
{
    /// <summary>Its worker exists (the informer delivered the pod).</summary>
    Worker,

    /// <summary>Sandbox creation begins.</summary>
    SandboxBegin,

    /// <summary>Namespaces made; the CNI ADD begins.</summary>
    CniBegin,

    /// <summary>The CNI ADD returned (result cached).</summary>
    CniDone,

    /// <summary>Volumes written.</summary>
    Volumes,

    /// <summary>The (first) container's spawn begins (env resolved, log directory made).</summary>
    Launching,

    /// <summary>The (first) container process was spawned.</summary>
    Spawned,

    /// <summary>The status saying Running was accepted by the API server.</summary>
    StatusPosted,
}
