using Ovnk.Linux.Processes;

namespace Ovnk.Lab.Kubelet.Containers;

/// <summary>
/// A running container process (the pid is the container's main process: every step of the launch execs). Without a
/// terminal its output goes straight into the log file. With <c>tty</c> kubelet-lite holds the pseudo-terminal's
/// master: a pump appends what the terminal shows to the log file (so <c>kubectl logs</c> has it), attach writes
/// keystrokes and resizes it. With <c>stdin</c> (and no terminal) kubelet-lite holds the write end of its stdin pipe.
/// </summary>
public sealed class ContainerProcess : IDisposable
{
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(2);
    private readonly SpawnedProcess _process;
    private readonly Lock _stdinLock = new();
    private readonly SemaphoreSlim _stdinGate = new(1, 1);
    private Stream? _stdin;

    internal ContainerProcess(SpawnedProcess process, ContainerLaunchSpec spec, Pty? pty)
    {
        _process = process;
        Spec = spec;
        Pty = pty;
        Pid = process.Pid;
        StartedAt = DateTime.UtcNow;
        _stdin = pty is not null ? (spec.Stdin ? pty.OpenMaster(write: true) : null) : process.Stdin;
        var pump = pty is null ? Task.CompletedTask : Task.Run(() => PumpTerminalAsync(pty.OpenMaster(write: false), spec.LogPath));
        // The exit counts once the terminal's last output is in the log (bounded: a grandchild may hold the terminal).
        Exited = process.Exited.ContinueWith(_ => Task.WhenAny(pump, Task.Delay(DrainLimit)), TaskScheduler.Default).Unwrap();
    }

    public int Pid { get; }

    public ContainerLaunchSpec Spec { get; }

    public DateTime StartedAt { get; }

    /// <summary>The container's terminal (spec.tty), else null.</summary>
    public Pty? Pty { get; }

    /// <summary>Completes when the process has exited (and been reaped) and its terminal output is logged.</summary>
    public Task Exited { get; }

    public bool HasExited => Exited.IsCompleted;

    public int ExitCode => _process.Exited.Result;

    /// <summary>The mount namespace of the running container (for exec), valid while it runs.</summary>
    public string MountNs => $"/proc/{Pid}/ns/mnt";

    /// <summary>
    /// The container's stdin for one attach session, or null when it has none (no spec.stdin, or stdinOnce and an
    /// attach already ended it). Writes from concurrent sessions are serialized. With stdinOnce, the session's end of
    /// input closes the container's stdin (a pipe: EOF; a terminal: the EOF character, ^D).
    /// </summary>
    public Stream? AttachStdin()
    {
        lock (_stdinLock)
        {
            if (_stdin is not { } stdin) return null;
            if (!Spec.StdinOnce) return new Ovnk.Lab.Streaming.SharedStdin(stdin, _stdinGate, null);
            _stdin = null;
            return new Ovnk.Lab.Streaming.SharedStdin(stdin, _stdinGate, Pty is null ? () => stdin.Dispose() : () => EndTerminalInput(stdin));
        }
    }

    /// <summary>
    /// Sends SIGTERM (or SIGKILL) to the container's process group (it leads its own session), so children of a
    /// shell die with it; false when nothing is left.
    /// </summary>
    public bool Signal(int signal) => SignalSender.SendToGroup(Pid, signal);

    /// <summary>SIGKILLs whatever the main process left behind in its group (a container's processes end with it).</summary>
    public void KillRemains() => SignalSender.SendToGroup(Pid, SignalSender.SigKill);

    public void Dispose()
    {
        lock (_stdinLock)
        {
            _stdin?.Dispose();
            _stdin = null;
        }
        Pty?.Dispose();
        // Only called after the exit: SpawnedProcess.DisposeAsync then just closes our descriptors.
        _ = _process.DisposeAsync().AsTask();
    }

    private void EndTerminalInput(Stream master) => _ = Task.Run(async () =>
    {
        try
        {
            await master.WriteAsync(new byte[] { 4 }).AsTask().WaitAsync(DrainLimit);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or TimeoutException)
        {
            // The terminal is gone or stuck: nothing left to tell.
        }
        finally
        {
            await master.DisposeAsync();
        }
    });

    /// <summary>Appends what the terminal shows to the log (seeking to its end each time: rotation truncates it).</summary>
    private static async Task PumpTerminalAsync(FdStream master, string logPath)
    {
        await using var source = master;
        await using var log = new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        var buffer = new byte[8192];
        try
        {
            int n;
            while ((n = await source.ReadAsync(buffer)) > 0)
            {
                log.Seek(0, SeekOrigin.End);
                await log.WriteAsync(buffer.AsMemory(0, n));
                await log.FlushAsync();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Our end was closed (kubelet-lite stopping the container): the log ends here.
        }
    }
}
