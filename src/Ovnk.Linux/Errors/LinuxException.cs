namespace Ovnk.Linux;

/// <summary>
/// Root of this library's errors: what failed (<see cref="Operation"/>), on what (<see cref="ObjectName"/>), the
/// kernel's errno when there is one, and a message that ends with the likely fix. <see cref="IsTransient"/> says
/// whether the same call may succeed if retried (STYLE.md rule 6).
/// </summary>
public abstract class LinuxException : Exception
{
    protected LinuxException(Errno errno, string operation, string? objectName, string? detail, Exception? inner = null, string? fix = null)
        : base(ErrnoText.Compose(errno, operation, objectName, detail, fix), inner)
    {
        Errno = errno;
        Operation = operation;
        ObjectName = objectName;
        Detail = detail;
    }

    /// <summary>The kernel's errno (<see cref="Errno.None"/> when the error was found before any syscall).</summary>
    public Errno Errno { get; }

    /// <summary>What we were doing, e.g. "create veth".</summary>
    public string Operation { get; }

    /// <summary>The interface, namespace, address or route concerned.</summary>
    public string? ObjectName { get; }

    /// <summary>Extra detail (the kernel's extended ack message, a path).</summary>
    public string? Detail { get; }

    /// <summary>True when retrying the same call can help (EBUSY, EAGAIN, EINTR, ENOBUFS, ENOMEM).</summary>
    public virtual bool IsTransient => ErrnoText.IsTransient(Errno);
}
