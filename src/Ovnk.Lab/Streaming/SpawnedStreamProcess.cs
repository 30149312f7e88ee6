using Ovnk.Linux.Processes;

namespace Ovnk.Lab.Streaming;

/// <summary>An exec'd host process as an <see cref="IStreamProcess"/>; disposing kills it (and its session) and closes its terminal.</summary>
public sealed class SpawnedStreamProcess : IStreamProcess
{
    private readonly SpawnedProcess _process;
    private readonly Pty? _pty;

    private SpawnedStreamProcess(SpawnedProcess process, Pty? pty, Stream? stdin, Stream stdout, Stream? stderr)
    {
        _process = process;
        _pty = pty;
        Stdin = stdin;
        Stdout = stdout;
        Stderr = stderr;
    }

    /// <inheritdoc />
    public Stream? Stdin { get; }

    /// <inheritdoc />
    public Stream Stdout { get; }

    /// <inheritdoc />
    public Stream? Stderr { get; }

    /// <inheritdoc />
    public bool Tty => _pty is not null;

    /// <inheritdoc />
    public Task<int> Exited => _process.Exited;

    /// <summary>Spawns <paramref name="command"/> (in <paramref name="namespaces"/> when given) with pipes or a new terminal.</summary>
    public static SpawnedStreamProcess Start(IReadOnlyList<string> command, bool tty, bool stdin, NamespacePaths? namespaces,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var options = new SpawnOptions { Command = command, Namespaces = namespaces, Environment = environment, WorkingDirectory = workingDirectory };
        try
        {
            if (!tty)
            {
                var process = ProcessSpawner.Spawn(options with { Stdin = stdin ? StdioTarget.Pipe : StdioTarget.Null });
                return new SpawnedStreamProcess(process, null, process.Stdin, process.Stdout!, process.Stderr);
            }
            var pty = Pty.Open();
            try
            {
                var terminal = StdioTarget.Terminal(pty);
                var process = ProcessSpawner.Spawn(options with { Stdin = terminal, Stdout = terminal, Stderr = terminal });
                return new SpawnedStreamProcess(process, pty, stdin ? pty.OpenMaster(write: true) : null, pty.OpenMaster(write: false), null);
            }
            catch
            {
                pty.Dispose();
                throw;
            }
        }
        catch (Ovnk.Linux.SystemCallException e) when (e.Errno == Ovnk.Linux.Errno.ENOENT && e.Operation == "exec")
        {
            // runc's wording, which users know from real clusters.
            throw new StreamingException(StreamingError.Internal,
                $"failed to exec in container: exec: \"{command[0]}\": executable file not found in $PATH", e);
        }
        catch (Ovnk.Linux.LinuxException e)
        {
            throw new StreamingException(StreamingError.Internal,
                $"failed to exec in container: starting [{string.Join(' ', command)}]: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public void Resize(ushort columns, ushort rows) => _pty?.Resize(columns, rows);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        if (_pty is not null)
        {
            Stdin?.Dispose();
            Stdout.Dispose();
            _pty.Dispose();
        }
    }
}
