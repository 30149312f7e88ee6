using System.Text;
using Ovnk.Lab.Streaming;
using Ovnk.Linux.Namespaces;
using Ovnk.Linux.Processes;

namespace Ovnk.Lab.Tests;

/// <summary>
/// The reference runtime directly (what kubelet-lite's implementation must also do): exec inside given namespaces,
/// a terminal that resizes, attach that detaches without stopping the container, restarts keeping the previous log.
/// </summary>
public sealed class HostStreamingRuntimeTests : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly string _directory = Directory.CreateTempSubdirectory("ovnk-hostrt-").FullName;
    private readonly string _netns = $"stream-{Guid.NewGuid().ToString("N")[..10]}";
    private HostStreamingRuntime _runtime = null!;
    private string _netnsPath = "";

    public ValueTask InitializeAsync()
    {
        _netnsPath = NetNs.Create(_netns);
        _runtime = new HostStreamingRuntime(Path.Combine(_directory, "logs"), new NamespacePaths(Network: _netnsPath));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _runtime.DisposeAsync();
        }
        finally
        {
            NetNs.Delete(_netns);
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Exec_RunsInTheRuntimesNetworkNamespace()
    {
        var expected = new FileInfo($"/proc/self/ns/net").LinkTarget;
        await using var process = await _runtime.ExecAsync(Target("c"), ["sh", "-c", "readlink /proc/self/ns/net; ip -o link show | wc -l"], tty: false, stdin: false, TestContext.Current.CancellationToken);
        var output = await ReadAllAsync(process.Stdout);
        Assert.Equal(0, await process.Exited.WaitAsync(Limit, TestContext.Current.CancellationToken));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEqual(expected, lines[0]);
        Assert.Equal("1", lines[1].Trim()); // only lo: a fresh namespace
    }

    [Fact]
    public async Task ExecTty_ResizeIsSeenAndStderrIsMerged()
    {
        await using var process = await _runtime.ExecAsync(Target("c"), ["sh", "-c", "read x; stty size; echo err >&2"], tty: true, stdin: true, TestContext.Current.CancellationToken);
        Assert.True(process.Tty);
        Assert.Null(process.Stderr);
        process.Resize(90, 20);
        await process.Stdin!.WriteAsync("go\n"u8.ToArray(), TestContext.Current.CancellationToken);
        var output = await ReadAllAsync(process.Stdout);
        Assert.Equal(0, await process.Exited.WaitAsync(Limit, TestContext.Current.CancellationToken));
        Assert.Contains("20 90\r\nerr\r\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attach_Detaching_LeavesTheContainerRunning()
    {
        var target = Target("main");
        var container = _runtime.StartContainer(target, ["sh", "-c", "while read l; do echo \"got $l\"; done"], stdin: true);
        var attachment = await _runtime.AttachAsync(target, TestContext.Current.CancellationToken);
        await attachment.Stdin!.WriteAsync("one\n"u8.ToArray(), TestContext.Current.CancellationToken);
        var buffer = new byte[64];
        using var timeout = new CancellationTokenSource(Limit);
        var n = await attachment.Stdout.ReadAsync(buffer, timeout.Token);
        Assert.Equal("got one\n", Encoding.UTF8.GetString(buffer, 0, n));
        await attachment.DisposeAsync();
        Assert.Equal(0, container.Attachments);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(container.Exited.IsCompleted, "detaching (without stdinOnce) must not end the container");
        container.Signal(15);
        Assert.Equal(143, await container.Exited.WaitAsync(Limit, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GetLog_AfterRestart_PreviousIsTheLastInstance()
    {
        var target = Target("r");
        await Assert.ThrowsAsync<StreamingException>(() => _runtime.GetLogAsync(target, previous: false, TestContext.Current.CancellationToken));
        await _runtime.StartContainer(target, ["echo", "first"]).Running.WaitAsync(Limit, TestContext.Current.CancellationToken);
        var noPrevious = await Assert.ThrowsAsync<StreamingException>(() => _runtime.GetLogAsync(target, previous: true, TestContext.Current.CancellationToken));
        Assert.Equal(400, noPrevious.Code);
        await _runtime.StartContainer(target, ["echo", "second"]).Running.WaitAsync(Limit, TestContext.Current.CancellationToken);
        var previous = await _runtime.GetLogAsync(target, previous: true, TestContext.Current.CancellationToken);
        var current = await _runtime.GetLogAsync(target, previous: false, TestContext.Current.CancellationToken);
        Assert.EndsWith(" stdout F first\n", await File.ReadAllTextAsync(previous.Path, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.EndsWith(" stdout F second\n", await File.ReadAllTextAsync(current.Path, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static ContainerTarget Target(string container) => new("ns", "pod", container);

    private static async Task<string> ReadAllAsync(Stream stream)
    {
        using var timeout = new CancellationTokenSource(Limit);
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
