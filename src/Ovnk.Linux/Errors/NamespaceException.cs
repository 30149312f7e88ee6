namespace Ovnk.Linux;

/// <summary>A namespace could not be created, opened, entered, left or deleted.</summary>
public class NamespaceException : LinuxException
{
    public NamespaceException(Errno errno, string operation, string? objectName, string? detail = null, Exception? inner = null)
        : base(errno, operation, objectName, detail, inner)
    {
    }
}
