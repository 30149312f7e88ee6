namespace Ovnk.Linux;

/// <summary>
/// The dedicated thread could not return to its original namespaces after running code inside others. That thread
/// has been retired (it exits and is never used again), so nothing else can run in the wrong namespace; the code
/// itself did run and its result is lost.
/// </summary>
public sealed class NamespaceRestoreException : NamespaceException
{
    public NamespaceRestoreException(Errno errno, string objectName, Exception? inner = null)
        : base(errno, "restore namespaces", objectName, "the namespace thread was retired", inner)
    {
    }

    public override bool IsTransient => true;
}
