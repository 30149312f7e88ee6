namespace Ovnk.Linux;

/// <summary>A name (interface, namespace, sysctl key) was rejected before any syscall, so nothing was created.</summary>
public sealed class InvalidNameException : LinuxException
{
    public InvalidNameException(string operation, string name, string reason)
        : base(Errno.EINVAL, operation, name, reason, fix: "Nothing was created: fix the name and call again.")
    {
    }

    public override bool IsTransient => false;
}
