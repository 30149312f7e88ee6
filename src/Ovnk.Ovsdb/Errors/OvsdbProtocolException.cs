namespace Ovnk.Ovsdb;

/// <summary>
/// The peer sent something that is not valid OVSDB JSON-RPC (malformed JSON, an oversized message, an unknown
/// value tag). The connection is closed; a new one may work, so this is transient.
/// </summary>
public sealed class OvsdbProtocolException : OvsdbException
{
    /// <summary>Creates the exception.</summary>
    public OvsdbProtocolException(string message, Exception? inner = null) : base(message, inner)
    {
    }

    /// <inheritdoc/>
    public override bool IsTransient => true;
}
