using System.Text;
using Ovnk.Linux.Processes;

namespace Ovnk.Lab.Tests.Support;

/// <summary>
/// A program (the real kubectl) driven through a pseudo-terminal, as a user at a terminal would: what it prints is
/// collected, keystrokes are written to the master. Bounded waits; disposing kills it by its pid.
/// </summary>
public sealed class TerminalProcess : IAsyncDisposable
{
    private readonly Pty _pty;
    private readonly SpawnedProcess _process;
    private readonly Stream _input;
    private readonly StringBuilder _output = new();
    private readonly Task _reader;

    private TerminalProcess(Pty pty, SpawnedProcess process)
    {
        _pty = pty;
        _process = process;
        _input = pty.OpenMaster(write: true);
        var output = pty.OpenMaster(write: false);
        _reader = Task.Run(async () =>
        {
            var buffer = new byte[4096];
            int n;
            while ((n = await output.ReadAsync(buffer)) > 0)
            {
                lock (_output)
                {
                    _output.Append(Encoding.UTF8.GetString(buffer, 0, n));
                }
            }
            await output.DisposeAsync();
        });
    }

    /// <summary>Everything printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The exit code.</summary>
    public Task<int> Exited => _process.Exited;

    /// <summary>Starts <paramref name="command"/> on a new terminal of the given size.</summary>
    public static TerminalProcess Start(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment, ushort columns = 80, ushort rows = 24)
    {
        var pty = Pty.Open(columns, rows);
        var terminal = StdioTarget.Terminal(pty);
        var process = ProcessSpawner.Spawn(new SpawnOptions
        {
            Command = command, Environment = environment, Stdin = terminal, Stdout = terminal, Stderr = terminal,
        });
        return new TerminalProcess(pty, process);
    }

    /// <summary>Types <paramref name="text"/>.</summary>
    public async Task TypeAsync(string text) =>
        await _input.WriteAsync(Encoding.UTF8.GetBytes(text), TestContext.Current.CancellationToken);

    /// <summary>Waits until the output contains <paramref name="text"/>; fails with the output so far after <paramref name="seconds"/>.</summary>
    public async Task WaitForAsync(string text, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline || _reader.IsCompleted && !Output.Contains(text, StringComparison.Ordinal))
            {
                Assert.Fail($"the terminal did not show \"{text}\" within {seconds}s; it shows:\n{Output}");
            }
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits for the exit and for the last output.</summary>
    public async Task<int> WaitExitAsync(int seconds = 30)
    {
        var code = await _process.Exited.WaitAsync(TimeSpan.FromSeconds(seconds), TestContext.Current.CancellationToken);
        await _reader.WaitAsync(TimeSpan.FromSeconds(seconds), TestContext.Current.CancellationToken);
        return code;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        await _input.DisposeAsync();
        _pty.Dispose();
        try
        {
            await _reader.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // A grandchild holds the terminal; it was killed with the process group.
        }
    }
}
