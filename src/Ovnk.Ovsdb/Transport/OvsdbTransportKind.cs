namespace Ovnk.Ovsdb.Transport;

/// <summary>How an <see cref="OvsdbEndpoint"/> is reached.</summary>
public enum OvsdbTransportKind
{
    /// <summary>A Unix domain socket.</summary>
    Unix,
    /// <summary>Plain TCP.</summary>
    Tcp,
    /// <summary>TLS over TCP, with a client certificate and CA verification.</summary>
    Ssl,
}
