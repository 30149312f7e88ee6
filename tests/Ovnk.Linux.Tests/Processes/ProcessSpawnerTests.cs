using System.Text;
using Ovnk.Linux.Processes;
using Ovnk.Linux.Tests.Support;

namespace Ovnk.Linux.Tests.Processes;

/// <summary>posix_spawn with pipes, files, environment, working directory, exit codes, signals and namespaces.</summary>
public sealed class ProcessSpawnerTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Spawn_Echo_StdoutPipeCarriesTheOutputAndExitIsZero()
    {
        await using var process = ProcessSpawner.Spawn(new SpawnOptions { Command = ["echo", "hello", "world"] });
        Assert.Equal("hello world\n", await ReadAllAsync(process.Stdout!));
        Assert.Equal(0, await process.Exited.WaitAsync(Limit, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Spawn_ExitCode_IsReportedAndStderrIsSeparate()
    {
        await using var process = ProcessSpawner.Spawn(new SpawnOptions { Command = ["sh", "-c", "echo out; echo err >&2; exit 3"] });
        var stdout = ReadAllAsync(process.Stdout!);
        var stderr = ReadAllAsync(process.Stderr!);
        Assert.Equal(3, await process.Exited.WaitAsync(Limit, TestContext.Current.CancellationToken));
        Assert.Equal("out\n", await stdout);
        Assert.Equal("err\n", await stderr);
    }

    [Fact]
    public async Task Spawn_StdinPipe_ReachesTheChildAndClosingItIsEof()
    {
        await using var process = ProcessSpawner.Spawn(new SpawnOptions { Command = ["cat"], Stdin = StdioTarget.Pipe });
        var stdout = ReadAllAsync(process.Stdout!);
        await process.Stdin!.WriteAsync("line one\nline two\n"u8.ToArray(), TestContext.Current.CancellationToken);
        process.Stdin.Dispose();
        Assert.Equal("line one\nline two\n", await stdout);
        Assert.Equal(0, await process.Exited.WaitAsync(Limit, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Spawn_EnvironmentAndWorkingDirectory_AreTheGivenOnes()
    {
        using var dir = new TempDirectory();
        await using var process = ProcessSpawner.Spawn(new SpawnOptions
        {
            Command = ["sh", "-c", "echo \"$GREETING $(pwd) ${HOME:-nohome}\""],
            Environment = new Dictionary<string, string> { ["GREETING"] = "hi", ["PATH"] = "/usr/bin:/bin" },
            WorkingDirectory = dir.Path,
        });
        Assert.Equal($"hi {dir.Path} nohome\n", await ReadAllAsync(process.Stdout!));
        Assert.Equal(0, await process.Exited.WaitAsync(Limit, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Spawn_OutputToFile_AppendsAcrossRuns()
    {
        using var dir = new TempDirectory();
        var log = Path.Combine(dir.Path, "c.log");
        for (var i = 0; i < 2; i++)
        {
            await using var process = ProcessSpawner.Spawn(new SpawnOptions
            {
                Command = ["sh", "-c", $"echo run{i}; echo e{i} >&2"],
                Stdout = StdioTarget.File(log),
                Stderr = StdioTarget.File(log),
            });
            Assert.Null(process.Stdout);
            Assert.Equal(0, await process.Exited.WaitAsync(Limit, TestContext.Current.CancellationToken));
        }
        Assert.Equal("run0\ne0\nrun1\ne1\n", await File.ReadAllTextAsync(log, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Signal_Term_ExitCodeIs128PlusSignalAndSigpipeIsDefaultInTheChild()
    {
        // .NET ignores SIGPIPE; the child must not inherit that (`yes | head` would spin forever otherwise).
        await using var pipeline = ProcessSpawner.Spawn(new SpawnOptions { Command = ["sh", "-c", "yes | head -n 2"] });
        Assert.Equal("y\ny\n", await ReadAllAsync(pipeline.Stdout!));
        Assert.Equal(0, await pipeline.Exited.WaitAsync(Limit, TestContext.Current.CancellationToken));

        await using var sleeper = ProcessSpawner.Spawn(new SpawnOptions { Command = ["sleep", "60"] });
        sleeper.Signal(15);
        Assert.Equal(143, await sleeper.Exited.WaitAsync(Limit, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Spawn_MissingProgram_IsEnoentNamingIt()
    {
        var e = Assert.Throws<SystemCallException>(() => ProcessSpawner.Spawn(new SpawnOptions { Command = ["no-such-program-ovnk"] }));
        Assert.Equal(Errno.ENOENT, e.Errno);
        Assert.Contains("no-such-program-ovnk", e.Message, StringComparison.Ordinal);
        Assert.Contains("executable file not found in $PATH", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spawn_WithNamespaces_RunsInTheNamedNetworkAndUtsNamespaces()
    {
        using var ns = new TempNetNs("stream");
        var expected = await Cli.RunAsync("nsenter", $"--net={ns.Path}", "readlink", "/proc/self/ns/net");
        await using var process = ProcessSpawner.Spawn(new SpawnOptions
        {
            Command = ["sh", "-c", "readlink /proc/self/ns/net; pwd"],
            Namespaces = new NamespacePaths(Network: ns.Path),
            WorkingDirectory = "/tmp",
        });
        Assert.Equal(expected + "/tmp\n", await ReadAllAsync(process.Stdout!));
        Assert.Equal(0, await process.Exited.WaitAsync(Limit, TestContext.Current.CancellationToken));
        Assert.NotEqual(expected.Trim(), new FileInfo("/proc/self/ns/net").LinkTarget);
    }

    [Fact]
    public async Task Dispose_RunningProcess_KillsAndReapsIt()
    {
        var process = ProcessSpawner.Spawn(new SpawnOptions { Command = ["sleep", "60"] });
        var pid = process.Pid;
        await process.DisposeAsync();
        Assert.Equal(137, await process.Exited);
        Assert.False(Directory.Exists($"/proc/{pid}"), "the child was reaped (no zombie left)");
    }

    [Fact]
    public async Task FdStream_DisposedTwice_DoesNotDisturbAStreamReusingItsNumber()
    {
        var first = ProcessSpawner.Spawn(new SpawnOptions { Command = ["true"] });
        await first.DisposeAsync();
        first.Stdout!.Dispose(); // again: its descriptor number is free for reuse
        await using var second = ProcessSpawner.Spawn(new SpawnOptions { Command = ["sh", "-c", "sleep 0.3; echo later"] });
        var read = ReadAllAsync(second.Stdout!);
        first.Stdout.Dispose();
        first.Stderr!.Dispose();
        Assert.Equal("later\n", await read);
    }

    internal static async Task<string> ReadAllAsync(Stream stream)
    {
        using var timeout = new CancellationTokenSource(Limit);
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
