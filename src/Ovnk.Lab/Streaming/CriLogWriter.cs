using System.Text;

namespace Ovnk.Lab.Streaming;

/// <summary>
/// Writes a container's stdout and stderr into one CRI-format log file (<see cref="CriLogLine"/>): each complete
/// line becomes an F entry; a line longer than <see cref="MaxLine"/> is cut into P entries (containerd's 16 KiB);
/// an unterminated tail is written as F when its stream ends. Entries from both streams never interleave.
/// </summary>
public sealed class CriLogWriter : IDisposable
{
    /// <summary>containerd's maximum log line (16 KiB) before it splits into partial entries.</summary>
    public const int MaxLine = 16 * 1024;

    private readonly FileStream _file;
    private readonly Lock _lock = new();
    private readonly TimeProvider _clock;

    /// <summary>Opens (appending to) <paramref name="path"/>, creating its directory.</summary>
    public CriLogWriter(string path, TimeProvider? clock = null)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        _clock = clock ?? TimeProvider.System;
        Path = path;
    }

    /// <summary>The log file.</summary>
    public string Path { get; }

    /// <summary>Copies <paramref name="source"/> into the log as <paramref name="stream"/> ("stdout"/"stderr") until it ends.</summary>
    public async Task PumpAsync(Stream source, string stream, CancellationToken cancellationToken, Action<ReadOnlyMemory<byte>>? tee = null)
    {
        var buffer = new byte[8192];
        var pending = new List<byte>();
        int n;
        while ((n = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            tee?.Invoke(buffer.AsMemory(0, n));
            pending.AddRange(buffer.AsSpan(0, n));
            Drain(pending, stream, flushTail: false);
        }
        Drain(pending, stream, flushTail: true);
    }

    /// <summary>Appends one entry.</summary>
    public void Write(string stream, string content, bool partial = false)
    {
        var bytes = Encoding.UTF8.GetBytes(new CriLogLine(_clock.GetUtcNow(), stream, partial, content).Format());
        lock (_lock)
        {
            _file.Write(bytes);
            _file.Flush();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    private void Drain(List<byte> pending, string stream, bool flushTail)
    {
        while (true)
        {
            var newline = pending.IndexOf((byte)'\n');
            if (newline >= 0 && newline <= MaxLine)
            {
                Write(stream, Text(pending, newline));
                pending.RemoveRange(0, newline + 1);
            }
            else if (pending.Count > MaxLine)
            {
                Write(stream, Text(pending, MaxLine), partial: true);
                pending.RemoveRange(0, MaxLine);
            }
            else
            {
                break;
            }
        }
        if (flushTail && pending.Count > 0)
        {
            Write(stream, Text(pending, pending.Count));
            pending.Clear();
        }
    }

    private static string Text(List<byte> bytes, int count) =>
        Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes)[..count]);
}
