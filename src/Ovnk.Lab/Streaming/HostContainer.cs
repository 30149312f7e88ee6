using Ovnk.Linux.Processes;

namespace Ovnk.Lab.Streaming;

/// <summary>
/// A container of <see cref="HostStreamingRuntime"/>: its main process (on pipes, or on a terminal when it has
/// <c>tty</c>), its output copied into a CRI log file and to the sessions attached to it.
/// </summary>
public sealed class HostContainer : IAsyncDisposable
{
    private readonly SpawnedProcess _process;
    private readonly Pty? _pty;
    private readonly CriLogWriter _log;
    private readonly OutputBroadcast _stdout = new();
    private readonly OutputBroadcast _stderr = new();
    private readonly Stream? _stdin;
    private readonly SemaphoreSlim _stdinGate = new(1, 1);
    private readonly Task _pumps;

    private HostContainer(SpawnedProcess process, Pty? pty, CriLogWriter log, Stream? stdin, bool stdinOnce)
    {
        _process = process;
        _pty = pty;
        _log = log;
        _stdin = stdin;
        StdinOnce = stdinOnce;
        var output = pty?.OpenMaster(write: false) ?? (Stream)process.Stdout!;
        var stdoutPump = Pump(output, "stdout", _stdout);
        var stderrPump = process.Stderr is null ? Task.CompletedTask : Pump(process.Stderr, "stderr", _stderr);
        _pumps = Task.WhenAll(stdoutPump, stderrPump);
        Running = Task.WhenAll(process.Exited, _pumps);
    }

    /// <summary>The log file of this instance.</summary>
    public string LogPath => _log.Path;

    /// <summary>The exit code of the main process.</summary>
    public Task<int> Exited => _process.Exited;

    /// <summary>Completes once the process exited and its output is in the log.</summary>
    public Task Running { get; }

    /// <summary>True when the container runs on a terminal.</summary>
    public bool Tty => _pty is not null;

    /// <summary>The number of sessions attached now.</summary>
    public int Attachments => _stdout.Count;

    /// <summary>True when the end of the first attachment's input closes the container's stdin.</summary>
    public bool StdinOnce { get; }

    /// <summary>Starts the main process; its output goes to <paramref name="logPath"/> (CRI format).</summary>
    public static HostContainer Start(IReadOnlyList<string> command, string logPath, bool tty, bool stdin, bool stdinOnce, NamespacePaths? namespaces)
    {
        var log = new CriLogWriter(logPath);
        try
        {
            var options = new SpawnOptions { Command = command, Namespaces = namespaces, NewSession = true };
            if (tty)
            {
                var pty = Pty.Open();
                var terminal = StdioTarget.Terminal(pty);
                var process = ProcessSpawner.Spawn(options with { Stdin = terminal, Stdout = terminal, Stderr = terminal });
                return new HostContainer(process, pty, log, stdin ? pty.OpenMaster(write: true) : null, stdinOnce);
            }
            var piped = ProcessSpawner.Spawn(options with { Stdin = stdin ? StdioTarget.Pipe : StdioTarget.Null });
            return new HostContainer(piped, null, log, piped.Stdin, stdinOnce);
        }
        catch (Ovnk.Linux.LinuxException e)
        {
            log.Dispose();
            throw new StreamingException(StreamingError.Internal, $"failed to start container: {e.Message}", e);
        }
    }

    /// <summary>A new attachment: output from now on, the shared stdin.</summary>
    public IStreamProcess Attach() => new HostAttachment(
        _stdin is null ? null : new SharedStdin(_stdin, _stdinGate, StdinOnce ? _stdin.Dispose : null), _stdout.Subscribe(), _pty is null ? _stderr.Subscribe() : null,
        _pty, _process.Exited);

    /// <summary>Sends a signal to the main process's group.</summary>
    public void Signal(int signal) => _process.Signal(signal);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Kill, then let the pumps reach end of stream before the process's pipes are closed under them.
        _process.Signal(9);
        await _process.Exited.WaitAsync(TimeSpan.FromSeconds(30));
        _stdin?.Dispose();
        _pty?.Dispose();
        try
        {
            await _pumps.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // A grandchild still holds the output open; closing our ends below ends the pumps.
        }
        await _process.DisposeAsync();
        await Task.WhenAny(_pumps, Task.Delay(TimeSpan.FromSeconds(5)));
        _log.Dispose();
        _stdinGate.Dispose();
    }

    private Task Pump(Stream source, string stream, OutputBroadcast broadcast) => Task.Run(async () =>
    {
        try
        {
            await _log.PumpAsync(source, stream, CancellationToken.None, broadcast.Publish);
        }
        catch (Exception e) when (e is ObjectDisposedException or IOException)
        {
            // Our end was closed by DisposeAsync (a grandchild kept the pipe open): the log ends here.
        }
        finally
        {
            broadcast.Complete();
            await source.DisposeAsync();
        }
    });
}
