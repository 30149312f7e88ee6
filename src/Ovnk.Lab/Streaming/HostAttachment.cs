using Ovnk.Linux.Processes;

namespace Ovnk.Lab.Streaming;

/// <summary>One session attached to a <see cref="HostContainer"/>; disposing detaches and leaves the container running.</summary>
internal sealed class HostAttachment(Stream? stdin, Stream stdout, Stream? stderr, Pty? pty, Task<int> exited) : IStreamProcess
{
    public Stream? Stdin => stdin;

    public Stream Stdout => stdout;

    public Stream? Stderr => stderr;

    public bool Tty => pty is not null;

    public Task<int> Exited => exited;

    public void Resize(ushort columns, ushort rows) => pty?.Resize(columns, rows);

    public ValueTask DisposeAsync()
    {
        stdin?.Dispose();
        stdout.Dispose();
        stderr?.Dispose();
        return ValueTask.CompletedTask;
    }
}
