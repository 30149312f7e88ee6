namespace Ovnk.Lab.Streaming;

/// <summary>
/// What a node's runtime gives the streaming server (kubelet's CRI streaming calls, minus CRI): exec a command in
/// a container's namespaces, attach to its main process, find its log. kubelet-lite implements it for its pods;
/// <see cref="HostStreamingRuntime"/> is the reference implementation over host processes. Failures are
/// <see cref="StreamingException"/>s (404 unknown container, 400 not running / no previous, 500 runtime failure).
/// </summary>
public interface IStreamingRuntime
{
    /// <summary>
    /// Starts <paramref name="command"/> in the container's namespaces. With <paramref name="tty"/> it runs on a new
    /// pseudo-terminal (new session, controlling terminal; Stderr is null); with <paramref name="stdin"/> its input
    /// is a pipe (or the terminal), else /dev/null.
    /// </summary>
    Task<IStreamProcess> ExecAsync(ContainerTarget target, IReadOnlyList<string> command, bool tty, bool stdin, CancellationToken cancellationToken);

    /// <summary>
    /// Attaches to the container's running main process: Stdout/Stderr carry what it writes from now on, Stdin (when
    /// the container has <c>stdin: true</c>) feeds it, Tty follows the container's <c>tty</c>. Disposing detaches.
    /// </summary>
    Task<IStreamProcess> AttachAsync(ContainerTarget target, CancellationToken cancellationToken);

    /// <summary>The current (or, with <paramref name="previous"/>, the last terminated) instance's log.</summary>
    Task<ContainerLog> GetLogAsync(ContainerTarget target, bool previous, CancellationToken cancellationToken);
}
