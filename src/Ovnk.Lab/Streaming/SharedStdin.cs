namespace Ovnk.Lab.Streaming;

/// <summary>
/// An attachment's view of a container's stdin: writes go through; disposing closes the container's stdin only when
/// the container has <c>stdinOnce</c> (kubelet: the first attach's end of input is the container's), else detaches.
/// Writes from concurrent attachments are serialized by the container's <c>gate</c> (one write in flight per pipe).
/// </summary>
internal sealed class SharedStdin(Stream inner, bool closeOnDispose, SemaphoreSlim gate) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await inner.WriteAsync(buffer, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("async only");

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && closeOnDispose)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
