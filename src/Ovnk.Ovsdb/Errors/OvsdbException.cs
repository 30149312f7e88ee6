namespace Ovnk.Ovsdb;

/// <summary>
/// The base of every error the OVSDB library raises for server or I/O trouble. Caller bugs (bad arguments) raise the
/// standard CLR exceptions instead (the Npgsql rule).
/// </summary>
public abstract class OvsdbException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected OvsdbException(string message, Exception? inner = null) : base(message, inner)
    {
    }

    /// <summary>True when retrying the same call (after a reconnect, if needed) can succeed.</summary>
    public abstract bool IsTransient { get; }
}
