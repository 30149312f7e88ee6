using Ovnk.Linux.Native;

namespace Ovnk.Linux.Processes;

/// <summary>
/// One direction of a pipe or terminal descriptor as a <see cref="Stream"/>, owned and closed on dispose. The
/// descriptor is made non-blocking and async calls wait on <see cref="FdPoller"/>, so they are cancellable and hold
/// no thread while idle. A terminal master's EIO (every slave closed: the session ended) reads as end of stream.
/// </summary>
public sealed class FdStream : Stream
{
    private const int EPipe = 32;
    private readonly FileDescriptor _fd;
    private readonly bool _write;
    private int _disposed;

    internal FdStream(int fd, bool write)
    {
        _fd = new FileDescriptor(fd);
        _write = write;
        var flags = Libc.Fcntl(fd, Libc.FGetFl, 0);
        if (flags < 0 || Libc.Fcntl(fd, Libc.FSetFl, flags | Libc.ONonBlock) < 0)
        {
            var errno = Libc.LastErrno();
            _fd.Dispose();
            throw new SystemCallException(errno, "set O_NONBLOCK", $"fd {fd}");
        }
    }

    /// <inheritdoc />
    public override bool CanRead => !_write;

    /// <inheritdoc />
    public override bool CanWrite => _write;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = TryRead(buffer.Span);
            if (n >= 0)
            {
                return n;
            }
            await FdPoller.Shared.WaitAsync(_fd.Fd, write: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (buffer.Length > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = TryWrite(buffer.Span);
            if (n > 0)
            {
                buffer = buffer[n..];
                continue;
            }
            await FdPoller.Shared.WaitAsync(_fd.Fd, write: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("FdStream is async only (ReadAsync): a blocking read would hold a thread");

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("FdStream is async only (WriteAsync): a blocking write would hold a thread");

    /// <inheritdoc />
    public override void Flush()
    {
        // Unbuffered: every write reaches the descriptor.
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        // Once only: after the close the number may belong to another stream, whose wait must not be aborted.
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            FdPoller.Shared.Abort(_fd.Fd);
            _fd.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>Bytes read, 0 at end of stream, -1 when nothing is available yet.</summary>
    private unsafe int TryRead(Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = Libc.Read(_fd.Fd, p, (nuint)buffer.Length);
                if (n >= 0)
                {
                    return (int)n;
                }
                switch (Libc.LastErrno())
                {
                    case Errno.EINTR:
                        continue;
                    case Errno.EAGAIN:
                        return -1;
                    case Errno.EIO:
                        return 0; // pty(7): the slave side is closed.
                    case var errno:
                        throw new SystemCallException(errno, "read", $"fd {_fd.Fd}");
                }
            }
        }
    }

    /// <summary>Bytes written, 0 when the descriptor is full.</summary>
    private unsafe int TryWrite(ReadOnlySpan<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = Libc.Write(_fd.Fd, p, (nuint)buffer.Length);
                if (n >= 0)
                {
                    return (int)n;
                }
                switch (Libc.LastErrno())
                {
                    case Errno.EINTR:
                        continue;
                    case Errno.EAGAIN:
                        return 0;
                    case (Errno)EPipe or Errno.EIO:
                        throw new IOException($"the reader of fd {_fd.Fd} is gone (the process exited or closed its input)");
                    case var errno:
                        throw new SystemCallException(errno, "write", $"fd {_fd.Fd}");
                }
            }
        }
    }
}
