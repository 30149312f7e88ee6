namespace Ovnk.Linux;

/// <summary>A plain system call failed (sysctl file, ethtool ioctl).</summary>
public sealed class SystemCallException : LinuxException
{
    public SystemCallException(Errno errno, string operation, string? objectName, string? detail = null, Exception? inner = null)
        : base(errno, operation, objectName, detail, inner)
    {
    }
}
