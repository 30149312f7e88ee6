using System.Text;
using Ovnk.Linux.Processes;

namespace Ovnk.Linux.Tests.Processes;

/// <summary>A process on a pseudo-terminal: controlling terminal, window size and resize, interactive input, hang-up.</summary>
public sealed class PtyTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Terminal_IsTheControllingTerminalWithTheGivenSize()
    {
        using var pty = Pty.Open(columns: 123, rows: 45);
        await using var process = SpawnOnTerminal(pty, "sh", "-c", "tty; stty size; echo ctty > /dev/tty; ps -o tty= -p $$");
        using var output = pty.OpenMaster(write: false);
        var text = await ReadAllAsync(output);
        Assert.Equal(0, await process.Exited.WaitAsync(Limit, TestContext.Current.CancellationToken));
        Assert.Equal($"{pty.SlavePath}\r\n45 123\r\nctty\r\n{pty.SlavePath["/dev/".Length..]}\r\n", text);
    }

    [Fact]
    public async Task Resize_WhileRunning_IsSeenByTheProcess()
    {
        using var pty = Pty.Open();
        await using var process = SpawnOnTerminal(pty, "sh", "-c", "read x; stty size");
        using var output = pty.OpenMaster(write: false);
        using var input = pty.OpenMaster(write: true);
        pty.Resize(100, 30);
        Assert.Equal((100, 30), ((int)pty.Size.Columns, (int)pty.Size.Rows));
        await input.WriteAsync("go\n"u8.ToArray(), TestContext.Current.CancellationToken);
        var text = await ReadAllAsync(output);
        Assert.Equal(0, await process.Exited.WaitAsync(Limit, TestContext.Current.CancellationToken));
        Assert.EndsWith("30 100\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InteractiveShell_RunsTypedCommandsAndExitsWithTheirCode()
    {
        using var pty = Pty.Open();
        await using var process = SpawnOnTerminal(pty, "sh", "-i");
        using var output = pty.OpenMaster(write: false);
        using var input = pty.OpenMaster(write: true);
        var all = ReadAllAsync(output);
        await input.WriteAsync("echo $((6*7))\nexit 5\n"u8.ToArray(), TestContext.Current.CancellationToken);
        Assert.Equal(5, await process.Exited.WaitAsync(Limit, TestContext.Current.CancellationToken));
        // The echo of the typed line shows "$((6*7))", never "42"; the prompt may come before or after the echo.
        Assert.Contains("42\r\n", await all, StringComparison.Ordinal);
    }

    private static SpawnedProcess SpawnOnTerminal(Pty pty, params string[] command) => ProcessSpawner.Spawn(new SpawnOptions
    {
        Command = command,
        Stdin = StdioTarget.Terminal(pty),
        Stdout = StdioTarget.Terminal(pty),
        Stderr = StdioTarget.Terminal(pty),
    });

    private static async Task<string> ReadAllAsync(Stream stream)
    {
        using var timeout = new CancellationTokenSource(Limit);
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
