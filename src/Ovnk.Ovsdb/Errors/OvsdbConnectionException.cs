namespace Ovnk.Ovsdb;

/// <summary>
/// The connection could not be made, or broke: the server went away, closed the session, or timed out. Transient:
/// a reconnect may succeed. A call in flight when the connection broke may or may not have been executed.
/// </summary>
public sealed class OvsdbConnectionException : OvsdbException
{
    /// <summary>Creates the exception.</summary>
    public OvsdbConnectionException(string message, Exception? inner = null) : base(message, inner)
    {
    }

    /// <inheritdoc/>
    public override bool IsTransient => true;
}
