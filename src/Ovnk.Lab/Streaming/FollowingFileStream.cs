namespace Ovnk.Lab.Streaming;

/// <summary>
/// Reads what is appended to a file from the moment it is opened until <c>running</c> completes (then the rest and
/// end of stream): an attach's output for a runtime whose containers write straight into their log file.
/// </summary>
public sealed class FollowingFileStream : Stream
{
    private readonly FileStream _file;
    private readonly Task _running;

    /// <summary>Opens <paramref name="path"/> at its current end.</summary>
    public FollowingFileStream(string path, Task running)
    {
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: false);
        _file.Seek(0, SeekOrigin.End);
        _running = running;
    }

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var stopped = _running.IsCompleted;
            var n = await _file.ReadAsync(buffer, cancellationToken);
            if (n > 0 || stopped)
            {
                return n;
            }
            await Task.WhenAny(_running, Task.Delay(LogStreamer.PollInterval, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("async only");

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file.Dispose();
        }
        base.Dispose(disposing);
    }
}
