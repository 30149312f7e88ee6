namespace Ovnk.Lab.Kubelet.Containers;

/// <summary>
/// Everything needed to start (and later exec into or attach to) one container process. Kept per container so the
/// streaming runtime can enter the same namespaces with the same env and working directory.
/// </summary>
/// <param name="Argv">The command and its arguments.</param>
/// <param name="Env">The complete environment.</param>
/// <param name="WorkingDirectory">The cwd (null = /).</param>
/// <param name="NetNs">The pod's (or, hostNetwork, the node's) network namespace file.</param>
/// <param name="UtsNs">The pod's (or the node's) UTS namespace file.</param>
/// <param name="NodeMountNs">The node's mount namespace; the container gets a private copy with its volumes.</param>
/// <param name="Mounts">Volume bind mounts.</param>
/// <param name="LogPath">Where stdout and stderr go (appended; with a terminal, what the terminal shows).</param>
/// <param name="Stdin">spec.stdin: the container reads a pipe (or its terminal) kubelet-lite keeps open for attach; else /dev/null.</param>
/// <param name="StdinOnce">spec.stdinOnce: the end of the first attach's input closes the container's stdin.</param>
/// <param name="Tty">spec.tty: the container runs on a pseudo-terminal whose master kubelet-lite holds.</param>
public sealed record ContainerLaunchSpec(
    IReadOnlyList<string> Argv,
    IReadOnlyDictionary<string, string> Env,
    string? WorkingDirectory,
    string NetNs,
    string UtsNs,
    string NodeMountNs,
    IReadOnlyList<VolumeMount> Mounts,
    string LogPath,
    bool Stdin = false,
    bool StdinOnce = false,
    bool Tty = false);
