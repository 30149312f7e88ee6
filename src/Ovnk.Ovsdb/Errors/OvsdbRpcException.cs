namespace Ovnk.Ovsdb;

/// <summary>
/// The server answered a request with a JSON-RPC error (for example "unknown database", "unknown method", or a
/// rejected monitor request). The request was not executed; repeating it unchanged will fail the same way, except for
/// errors the server raises while it is changing state (e.g. "canceled").
/// </summary>
public sealed class OvsdbRpcException : OvsdbException
{
    /// <summary>Creates the exception.</summary>
    public OvsdbRpcException(string method, string error, string? details)
        : base($"{method}: {error}{(string.IsNullOrEmpty(details) ? "" : $" ({details})")}")
    {
        Method = method;
        Error = error;
        Details = details;
    }

    /// <summary>The JSON-RPC method that failed.</summary>
    public string Method { get; }

    /// <summary>The error string.</summary>
    public string Error { get; }

    /// <summary>The details, if the server gave any.</summary>
    public string? Details { get; }

    /// <inheritdoc/>
    public override bool IsTransient => Error is "canceled";
}
